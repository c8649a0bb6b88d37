import { describe, expect, it } from 'vitest'
import { toCsv } from '../../shared/export/csv.ts'
import { newId } from '../../shared/schema/ids.ts'

const rowOf = (cell: string) => toCsv(['name'], [[cell]]).split('\r\n')[1]

describe('a CSV file spreadsheets open as written', () => {
  it('starts with a byte-order mark and ends rows the Windows way', () => {
    expect(toCsv(['a', 'b'], [['1', '2']])).toBe('\uFEFFa,b\r\n1,2\r\n')
  })

  it('writes a cell that would start a formula as text', () => {
    for (const cell of ['=SUM(A1)', '+1', '-1', '@x', '\tx', '\rx'])
      expect(rowOf(cell)?.replace(/^"/, '')).toMatch(/^'/)
  })

  // A French (Canada) Excel splits columns on « ; »: unquoted, the part after it was a cell of
  // its own, which could be a formula (an outside attack named a person `;=1+1`).
  it('quotes a cell holding a semicolon, so no separator makes a formula of its end', () => {
    expect(rowOf(';=1+1')).toBe('";=1+1"')
    expect(rowOf('x;=HYPERLINK("http://e.example")')).toBe('"x;=HYPERLINK(""http://e.example"")"')
  })

  // A session id starting with `-` came out of decisions.csv as `'-B8Mq…`, no longer the id
  // the API gives (CI failed on it).
  it('writes every id the app makes as it is', () => {
    for (let i = 0; i < 2000; i++) {
      const id = newId()
      expect(rowOf(id)).toBe(id)
    }
  })
})
