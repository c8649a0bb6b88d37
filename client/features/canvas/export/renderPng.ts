/** Browsers refuse canvases much larger than this (area and side); we scale down to fit. */
const MAX_SIDE = 16_384
const MAX_AREA = 64_000_000
const LOAD_TIMEOUT_MS = 15_000

const loadImage = (url: string): Promise<HTMLImageElement> =>
  new Promise((resolve, reject) => {
    const image = new Image()
    const timer = setTimeout(
      () => reject(new Error('the image took too long to render')),
      LOAD_TIMEOUT_MS,
    )
    image.onload = () => {
      clearTimeout(timer)
      resolve(image)
    }
    image.onerror = () => {
      clearTimeout(timer)
      reject(new Error('the browser could not read the SVG image'))
    }
    image.src = url
  })

/**
 * Renders an SVG document of `width` × `height` units to a PNG at `scale` (2 = sharp on
 * high-density screens and in print), on a white background. The SVG's object URL is always
 * revoked, whether rendering works or not.
 */
export const svgToPng = async (
  svg: string,
  size: { width: number; height: number },
  scale = 2,
): Promise<Blob> => {
  const factor = Math.min(
    scale,
    MAX_SIDE / Math.max(size.width, size.height),
    Math.sqrt(MAX_AREA / (size.width * size.height)),
  )
  const width = Math.max(1, Math.round(size.width * factor))
  const height = Math.max(1, Math.round(size.height * factor))
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }))
  try {
    const image = await loadImage(url)
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('this browser cannot draw images')
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, width, height)
    context.drawImage(image, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}
