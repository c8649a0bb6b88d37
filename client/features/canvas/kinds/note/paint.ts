import type { LowDetailPainter } from '../registry.ts'

const tints = new Map<string, string>()
/** A note's fill: its colour mixed with white (as `color-mix(… 28%, #fff)` in the CSS). */
export const tint = (hex: string): string => {
  let out = tints.get(hex)
  if (out) return out
  const value = Number.parseInt(hex.slice(1), 16)
  const mix = (channel: number) => Math.round(channel * 0.28 + 255 * 0.72)
  out = `rgb(${mix((value >> 16) & 255)}, ${mix((value >> 8) & 255)}, ${mix(value & 255)})`
  tints.set(hex, out)
  return out
}

/**
 * A card far out: the tinted fill the laid-out box has, and a strip of its full colour along
 * the top (at least 2 px on screen), so that groups stay told apart when text is unreadable.
 */
export const paintCard: LowDetailPainter = (context, box, scale) => {
  context.fillStyle = tint(box.colour)
  context.fillRect(box.x, box.y, box.w, box.h)
  context.fillStyle = box.colour
  context.fillRect(box.x, box.y, box.w, Math.max(8, 2 / scale))
}
