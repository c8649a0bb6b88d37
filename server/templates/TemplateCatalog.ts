import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
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

/** Reads and validates every `*.json` template of a folder (a missing folder holds none). */
const readFolder = async (dir: string): Promise<WorkshopTemplate[]> => {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const templates: WorkshopTemplate[] = []
  for (const name of names) {
    const file = path.join(dir, name)
    const template = parseTemplate(file, await readFile(file, 'utf8'))
    if (`${template.id}.json` !== name) {
      throw new TemplateError(
        `${file}: id: expected "${name.slice(0, -5)}" (the file name), got "${template.id}"`,
      )
    }
    templates.push(template)
  }
  return templates
}

/**
 * The workshop templates: those shipped in `templates/` and those saved on this server (in
 * `DATA_DIR/templates`), all validated at start-up; a saved template is validated before it
 * is written.
 */
export class TemplateCatalog {
  /** Ids being saved: a second request for one is refused before either is written. */
  private readonly saving = new Set<string>()

  private constructor(
    private readonly templates: Map<string, WorkshopTemplate>,
    private readonly savedDir: string | null,
  ) {}

  static async load(shippedDir: string, savedDir: string | null = null): Promise<TemplateCatalog> {
    const templates = new Map<string, WorkshopTemplate>()
    for (const dir of savedDir ? [shippedDir, savedDir] : [shippedDir]) {
      for (const template of await readFolder(dir)) {
        if (templates.has(template.id)) {
          throw new TemplateError(
            `${path.join(dir, `${template.id}.json`)}: id: "${template.id}" is already used`,
          )
        }
        templates.set(template.id, template)
      }
    }
    if (templates.size === 0) throw new TemplateError(`${shippedDir}: no template found`)
    return new TemplateCatalog(templates, savedDir)
  }

  get(id: string): WorkshopTemplate | undefined {
    return this.templates.get(id)
  }

  list(): TemplateSummary[] {
    return [...this.templates.values()].map(summarizeTemplate)
  }

  /** Validates and saves a new template; throws `TemplateError` naming the field at fault. */
  async save(source: string, json: unknown): Promise<WorkshopTemplate> {
    if (!this.savedDir) throw new TemplateError('this server keeps no saved templates')
    const parsed = workshopTemplate.safeParse(json)
    if (!parsed.success) throw new TemplateError(`${source}: ${describeIssues(parsed.error)}`)
    const template = parsed.data
    if (this.templates.has(template.id) || this.saving.has(template.id)) {
      throw new TemplateError(`${source}: id: "${template.id}" is already used by another template`)
    }
    this.saving.add(template.id)
    try {
      await mkdir(this.savedDir, { recursive: true })
      await writeFile(
        path.join(this.savedDir, `${template.id}.json`),
        `${JSON.stringify(template, null, 2)}\n`,
        { flag: 'wx' },
      )
      this.templates.set(template.id, template)
    } finally {
      this.saving.delete(template.id)
    }
    return template
  }
}
