import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  summarizeTemplate,
  type TemplateSummary,
  type WorkshopTemplate,
  workshopTemplate,
} from '../../shared/template.ts'
import { describeIssues } from '../../shared/validation.ts'

/** A template file that cannot be used; the message names the file and the field. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

/** Parses one template file's text; throws `TemplateError` naming `file` and the fields at fault. */
export const parseTemplate = (file: string, text: string): WorkshopTemplate => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new TemplateError(`${file}: not valid JSON (${(error as Error).message})`)
  }
  const parsed = workshopTemplate.safeParse(json)
  if (!parsed.success) throw new TemplateError(`${file}: ${describeIssues(parsed.error)}`)
  return parsed.data
}

/** The workshop templates shipped in `templates/`, validated once at start-up. */
export class TemplateCatalog {
  private constructor(private readonly templates: ReadonlyMap<string, WorkshopTemplate>) {}

  static async load(dir: string): Promise<TemplateCatalog> {
    const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort()
    const templates = new Map<string, WorkshopTemplate>()
    for (const name of files) {
      const file = path.join(dir, name)
      const template = parseTemplate(file, await readFile(file, 'utf8'))
      if (`${template.id}.json` !== name) {
        throw new TemplateError(
          `${file}: id: expected "${name.slice(0, -5)}" (the file name), got "${template.id}"`,
        )
      }
      templates.set(template.id, template)
    }
    if (templates.size === 0) throw new TemplateError(`${dir}: no template found`)
    return new TemplateCatalog(templates)
  }

  get(id: string): WorkshopTemplate | undefined {
    return this.templates.get(id)
  }

  list(): TemplateSummary[] {
    return [...this.templates.values()].map(summarizeTemplate)
  }
}
