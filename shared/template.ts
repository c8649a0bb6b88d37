import { z } from 'zod'
import { PARTNER_GROUPS } from './groups.ts'
import { SLUG } from './schema/ids.ts'
import { PLAN_LIMITS } from './schema/planEntries.ts'

/**
 * The workshop template format: JSON files in `templates/`, validated at start-up and by the
 * API. Unknown fields are refused so that a typo in a template is reported rather than
 * silently ignored; every error names the field and what was expected.
 */

/** Text given in both languages of the product. */
export const localized = z.strictObject({
  fr: z.string().trim().min(1, 'French text is required'),
  en: z.string().trim().min(1, 'English text is required'),
})
export type Localized = z.infer<typeof localized>

const slug = z.string().regex(SLUG, 'must be lowercase letters, digits and dashes')

const position = z.number().int().min(-100_000).max(100_000)
const extent = z.number().int().min(20).max(100_000)

export const templateFrame = z.strictObject({
  id: slug,
  title: localized,
  x: position,
  y: position,
  w: extent,
  h: extent,
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')
    .optional(),
})

/**
 * A note the canvas starts with, inside a frame or free. `prompt`: it is what the room answers
 * (the step's question, "Notre question : …"), not one of the answers, so no dot vote offers it
 * (`takesDots`); seeded content a vote is about (a logic model's boxes) is no prompt.
 */
export const templateNote = z.strictObject({
  frame: slug.optional(),
  text: localized,
  prompt: z.literal(true).optional(),
})

export const templateCanvas = z.strictObject({
  id: slug,
  title: localized,
  frames: z.array(templateFrame).default([]),
  notes: z.array(templateNote).default([]),
})
export type TemplateCanvas = z.infer<typeof templateCanvas>

/** A collaborative document: `body` is plain text with `# ` headings and `- ` list items. */
export const templateDocument = z.strictObject({
  id: slug,
  title: localized,
  body: localized,
})

/** Text in both languages, each at most `max` characters (what the place it goes to holds). */
const localizedUpTo = (max: number) =>
  z.strictObject({
    fr: localized.shape.fr.max(max, `at most ${max} characters`),
    en: localized.shape.en.max(max, `at most ${max} characters`),
  })

/**
 * The open, changing plan a template starts (the lab's one plan, `schema/plan.ts`): its
 * sections, each with its text (plain text with `# ` headings and `- ` list items), and its
 * open questions. Seeded in the workshop's language, only into a plan that holds nothing yet:
 * a later session finds the plan as the group left it. Its actions are the group's to add.
 */
export const templatePlan = z.strictObject({
  sections: z
    .array(z.strictObject({ title: localizedUpTo(PLAN_LIMITS.sectionTitle), body: localized }))
    .default([]),
  questions: z.array(z.strictObject({ text: localizedUpTo(PLAN_LIMITS.question) })).default([]),
})
export type TemplatePlan = z.infer<typeof templatePlan>

/** A role charter: the responsibilities and commitments of one partner role. */
export const templateCharter = z.strictObject({
  id: slug,
  role: z.union([z.enum(PARTNER_GROUPS), slug]),
  title: localized,
  items: z.array(z.strictObject({ text: localized })).min(1, 'a charter needs at least one item'),
})

/** What participants may do during a phase (the server enforces it). */
export const phasePermissions = z.strictObject({
  write: z.boolean().default(true),
  move: z.boolean().default(true),
  vote: z.boolean().default(false),
  /** false: private writing — each participant sees only their own notes until the reveal. */
  seeOthers: z.boolean().default(true),
})

export const phaseVote = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('dots'),
    budget: z.number().int().min(1).max(50),
    perItemCap: z.number().int().min(1).max(50),
    /** Results stay hidden (not even sent) until the facilitator closes the vote. */
    hidden: z.boolean().default(true),
  }),
  z.strictObject({
    kind: z.literal('gradient'),
    /** `five`: 1–5 agreement; `kaner`: the 8-point gradient of agreement. */
    scale: z.enum(['five', 'kaner']),
    proposal: localized,
    hidden: z.boolean().default(true),
  }),
  z.strictObject({
    kind: z.literal('consent'),
    proposal: localized,
    hidden: z.boolean().default(true),
  }),
])

/** Where everyone's view goes during a phase: a canvas, a document, a charter, or the plan. */
export const phaseFocus = z.union([
  z.strictObject({ canvas: slug }),
  z.strictObject({ document: slug }),
  z.strictObject({ charter: slug }),
  /** The open plan: a workshop has one (`schema/plan.ts`), so it names none. */
  z.strictObject({ plan: z.literal(true) }),
])

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
  focus: phaseFocus.optional(),
  /**
   * The votes the step looks back at ("look at the levels of agreement"): ids of earlier steps
   * with a vote, whose published results it shows as a vote's step shows its own (the step
   * card, the phone, the projector's stage), while its focus says where people work.
   */
  results: z.array(slug).min(1).max(20).optional(),
  /**
   * The step reviews what has come due since the last session (`schema/due.ts`): the plan's
   * open actions whose day has come and the decisions whose review date has come, listed on
   * the step card, the phone and the projector's stage, each opening where it is changed.
   */
  reviewsDue: z.literal(true).optional(),
  allow: phasePermissions.default({ write: true, move: true, vote: false, seeOthers: true }),
  vote: phaseVote.optional(),
})
export type TemplatePhase = z.infer<typeof templatePhase>

const unique = (ctx: z.RefinementCtx, ids: string[], path: (string | number)[], what: string) => {
  const seen = new Set<string>()
  ids.forEach((id, index) => {
    if (seen.has(id))
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'id'],
        message: `duplicate ${what} id "${id}"`,
      })
    seen.add(id)
  })
}

export const workshopTemplate = z
  .strictObject({
    id: slug,
    title: localized,
    description: localized,
    durationMinutes: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 60),
    tags: z.array(z.string().min(1)).default([]),
    content: z
      .strictObject({
        canvases: z.array(templateCanvas).default([]),
        documents: z.array(templateDocument).default([]),
        charters: z.array(templateCharter).default([]),
        plan: templatePlan.optional(),
      })
      .default({ canvases: [], documents: [], charters: [] }),
    phases: z.array(templatePhase).default([]),
  })
  .superRefine((template, ctx) => {
    const { canvases, documents, charters } = template.content
    unique(
      ctx,
      canvases.map((c) => c.id),
      ['content', 'canvases'],
      'canvas',
    )
    unique(
      ctx,
      documents.map((d) => d.id),
      ['content', 'documents'],
      'document',
    )
    unique(
      ctx,
      charters.map((c) => c.id),
      ['content', 'charters'],
      'charter',
    )
    unique(
      ctx,
      template.phases.map((p) => p.id),
      ['phases'],
      'phase',
    )
    canvases.forEach((canvas, c) => {
      const frames = new Set(canvas.frames.map((frame) => frame.id))
      unique(
        ctx,
        canvas.frames.map((f) => f.id),
        ['content', 'canvases', c, 'frames'],
        'frame',
      )
      canvas.notes.forEach((note, n) => {
        if (note.frame !== undefined && !frames.has(note.frame)) {
          ctx.addIssue({
            code: 'custom',
            path: ['content', 'canvases', c, 'notes', n, 'frame'],
            message: `expected one of this canvas's frames (${[...frames].join(', ') || 'none'}), got "${note.frame}"`,
          })
        }
      })
    })
    const targets = {
      canvas: new Set(canvases.map((c) => c.id)),
      document: new Set(documents.map((d) => d.id)),
      charter: new Set(charters.map((c) => c.id)),
    }
    template.phases.forEach((phase, p) => {
      if (phase.focus && !('plan' in phase.focus)) {
        const [kind, id] = Object.entries(phase.focus)[0] as [keyof typeof targets, string]
        if (!targets[kind].has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['phases', p, 'focus', kind],
            message: `expected the id of a ${kind} in content.${kind === 'canvas' ? 'canvases' : `${kind}s`}, got "${id}"`,
          })
        }
      }
      const votesBefore = new Set(
        template.phases.slice(0, p).flatMap((before) => (before.vote ? [before.id] : [])),
      )
      phase.results?.forEach((id, r) => {
        if (!votesBefore.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['phases', p, 'results', r],
            message: `expected the id of an earlier phase with a vote, got "${id}"`,
          })
      })
      if (phase.vote && !phase.allow.vote) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', p, 'allow', 'vote'],
          message: 'must be true when the phase has a vote',
        })
      }
    })
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
