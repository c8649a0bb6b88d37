import type { Page } from 'playwright-core'

export type Rgb = [number, number, number]
type Clip = { x: number; y: number; width: number; height: number }

/** Whether two colours are the same to the eye (each channel within `tolerance`). */
export const sameColour = (a: Rgb, b: Rgb, tolerance = 6): boolean =>
  a.every((channel, i) => Math.abs(channel - (b[i] ?? 0)) <= tolerance)

/**
 * What a person sees in `clip` (CSS pixels) of the page: a screenshot, decoded by the page's
 * own image decoder (so whatever is painted over an element counts): the colour of its first
 * pixel, and how many of its pixels are `colour` (each channel within `tolerance`).
 */
const look = (page: Page, clip: Clip, colour: Rgb, tolerance = 6) =>
  page.screenshot({ clip }).then((png) =>
    page.evaluate(
      async ({ base64, width, height, colour, tolerance }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
        const context = new OffscreenCanvas(width, height).getContext('2d')
        if (!context) throw new Error('no 2D context')
        context.drawImage(bitmap, 0, 0)
        const data = context.getImageData(0, 0, width, height).data
        let count = 0
        for (let i = 0; i < data.length; i += 4) {
          if (colour.every((c, k) => Math.abs((data[i + k] ?? 0) - c) <= tolerance)) count++
        }
        return { first: [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0] as Rgb, count }
      },
      {
        base64: png.toString('base64'),
        width: Math.round(clip.width),
        height: Math.round(clip.height),
        colour,
        tolerance,
      },
    ),
  )

/** The colour a person sees at (`x`, `y`) of the page, in CSS pixels. */
export const shownColour = async (page: Page, x: number, y: number): Promise<Rgb> =>
  (await look(page, { x, y, width: 1, height: 1 }, [0, 0, 0])).first

/** How many pixels of `clip` a person sees in `colour` (see `sameColour`). */
export const pixelsOf = async (page: Page, clip: Clip, colour: Rgb): Promise<number> =>
  (await look(page, clip, colour)).count

/** A computed colour: `rgb(…)`/`rgba(…)` (0–255), or `color(srgb …)` (0–1, from color-mix). */
export const parseRgb = (css: string): Rgb => {
  const unit = css.startsWith('color(srgb') ? 255 : 1
  const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map((n) => Number(n) * unit)
  return [r, g, b].map(Math.round) as Rgb
}
