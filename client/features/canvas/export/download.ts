/**
 * Saves `blob` as a file named `name` through a temporary link. The object URL is revoked a
 * moment later: revoking it at once can cancel the download in some browsers.
 */
export const downloadBlob = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1_000)
  }
}
