import { z } from 'zod'

/** Text given in both languages of the product. */
export const localized = z.strictObject({
  fr: z.string().trim().min(1, 'French text is required'),
  en: z.string().trim().min(1, 'English text is required'),
})
export type Localized = z.infer<typeof localized>

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')

export const templatePhase = z.strictObject({
  id: slug,
  title: localized,
  instructions: localized,
  timeboxMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .optional(),
})
export type TemplatePhase = z.infer<typeof templatePhase>

/**
 * A workshop template, stored as JSON in `templates/`. Unknown fields are refused so that a
 * typo in a template is reported rather than silently ignored.
 */
export const workshopTemplate = z.strictObject({
  id: slug,
  title: localized,
  description: localized,
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 60),
  tags: z.array(z.string().min(1)).default([]),
  phases: z.array(templatePhase).default([]),
})
export type WorkshopTemplate = z.infer<typeof workshopTemplate>

/** What `GET /api/templates` lists for each template. */
export type TemplateSummary = Pick<
  WorkshopTemplate,
  'id' | 'title' | 'description' | 'durationMinutes' | 'tags'
> & { phaseCount: number }

export const summarizeTemplate = (template: WorkshopTemplate): TemplateSummary => ({
  id: template.id,
  title: template.title,
  description: template.description,
  durationMinutes: template.durationMinutes,
  tags: template.tags,
  phaseCount: template.phases.length,
})
