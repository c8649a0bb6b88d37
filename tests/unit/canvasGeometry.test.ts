import { describe, expect, it } from 'vitest'
import { fitLabel } from '../../client/features/canvas/geometry.ts'

/** A monospace font: every character is 0.6 × the font size wide. */
const width = (text: string) => [...text].length * 0.6
const SIZES = { maxPx: 14, minPx: 9 }

describe('fitLabel (frame titles painted far out)', () => {
  it('keeps a title that fits at full size', () => {
    expect(fitLabel('Besoins', 100, width, SIZES)).toEqual({ text: 'Besoins', px: 14 })
  })

  it('shrinks a title to fit the frame, down to the smallest size', () => {
    const label = fitLabel('Ressources', 60, width, SIZES)
    expect(label.text).toBe('Ressources')
    expect(label.px).toBe(10)
    expect(width(label.text) * label.px).toBeLessThanOrEqual(60)
  })

  it('cuts a title too long even at the smallest size, never wider than the frame', () => {
    const label = fitLabel('Facteurs de contexte', 60, width, SIZES)
    expect(label).toEqual({ text: 'Facteurs d…', px: 9 })
    expect(width(label.text) * label.px).toBeLessThanOrEqual(60)
    expect(fitLabel('Activités', 5, width, SIZES).text).toBe('')
  })
})
