import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEMPLATES_DIR } from '../../server/app.ts'
import {
  parseTemplate,
  TemplateCatalog,
  TemplateError,
} from '../../server/templates/TemplateCatalog.ts'

const valid = {
  id: 'essai',
  title: { fr: 'Essai', en: 'Trial' },
  description: { fr: 'Un essai', en: 'A trial' },
  durationMinutes: 30,
}

describe('workshop templates', () => {
  it('loads every shipped template', async () => {
    const catalog = await TemplateCatalog.load(TEMPLATES_DIR)
    expect(catalog.list().length).toBeGreaterThan(0)
    expect(catalog.get('atelier-libre')?.title.fr).toBe('Atelier libre')
  })

  it('names the file and the field of a broken template', () => {
    const broken = { ...valid, title: { fr: 'Essai' }, durationMinutes: -5 }
    expect(() => parseTemplate('templates/essai.json', JSON.stringify(broken))).toThrow(
      /templates\/essai\.json: title\.en: .*; durationMinutes: /,
    )
    expect(() => parseTemplate('x.json', '{ nope')).toThrow(/x\.json: not valid JSON/)
    expect(() => parseTemplate('x.json', JSON.stringify({ ...valid, colour: 'red' }))).toThrow(
      /colour/,
    )
  })

  it('refuses, at load, a template whose id is not its file name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fabrique-templates-'))
    writeFileSync(path.join(dir, 'autre.json'), JSON.stringify(valid))
    await expect(TemplateCatalog.load(dir)).rejects.toThrow(TemplateError)
    await expect(TemplateCatalog.load(dir)).rejects.toThrow(/autre\.json: id: expected "autre"/)
  })
})
