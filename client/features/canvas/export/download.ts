/**
 * Saves what `url` serves through a temporary link, as a file named `name` (empty: the name
 * the server gives).
 */
export const downloadFrom = (url: string, name = ''): void => {
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
  }
}

/**
 * Saves `blob` as a file named `name`. The object URL is revoked a moment later: revoking it at
 * once can cancel the download in some browsers.
 */
export const downloadBlob = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob)
  try {
    downloadFrom(url, name)
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1_000)
  }
}
