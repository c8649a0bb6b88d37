/**
 * Where a key moves the selection in a row of tabs (the ARIA tabs pattern): arrows go round,
 * Home and End go to the ends. Null for any other key.
 */
export const nextTabIndex = (key: string, index: number, count: number): number | null => {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count
    case 'ArrowLeft':
      return (index - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
