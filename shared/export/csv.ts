// The browser build (Buffer bundled): the decision log is also written in the browser.
import { stringify } from 'csv-stringify/browser/esm/sync'

/**
 * A CSV cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula (OWASP "CSV injection"), so it gets a leading `'`.
 */
const csvText = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/**
 * A CSV file spreadsheets open as written: UTF-8 with a byte-order mark (so they keep the
 * accents), a header row, Windows line ends, no cell read as a formula.
 */
export const toCsv = (
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string =>
  `\uFEFF${stringify(
    rows.map((row) => [...row]),
    {
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      // A lone carriage return inside a cell would end the row in a spreadsheet; a semicolon is
      // the column separator of a French (Canada) Excel, where `x;=HYPERLINK(…)` unquoted would
      // become a second cell, a formula.
      quoted_match: /[;\r\n]/,
      cast: { string: csvText },
    },
  )}`
