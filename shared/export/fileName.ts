/**
 * A safe, readable file name from a title: accents dropped, lower case, words joined by "-",
 * at most 60 characters; `fallback` when nothing is left. `exportFileName('Atelier : Été!',
 * 'svg')` → `atelier-ete.svg`.
 */
export const slugify = (title: string, fallback = 'canevas'): string => {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || fallback
}

export const exportFileName = (title: string, extension: string, fallback?: string): string =>
  `${slugify(title, fallback)}.${extension}`
