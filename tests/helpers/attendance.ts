import { expect } from 'vitest'
import type { WorkshopLinks } from '../../shared/api.ts'

/**
 * A lab's `attendance.csv` as its facilitator downloads it from the server at `baseUrl`
 * (checked: 200, CSV, UTF-8 with BOM), as rows of cells named by the header. The cells hold no
 * comma in the tests that read it.
 */
export const readAttendance = async (
  baseUrl: string,
  lab: Pick<WorkshopLinks, 'id' | 'tokens'>,
): Promise<Array<Record<string, string>>> => {
  const res = await fetch(`${baseUrl}/api/workshops/${lab.id}/attendance.csv`, {
    headers: { Authorization: `Bearer ${lab.tokens.facilitator}` },
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
  expect(text.startsWith('\uFEFF')).toBe(true)
  const [header, ...rows] = text.slice(1).trimEnd().split('\r\n')
  const columns = (header ?? '').split(',')
  return rows.map((row) =>
    Object.fromEntries(row.split(',').map((cell, i) => [columns[i] ?? '', cell])),
  )
}
