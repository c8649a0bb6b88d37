import type * as Y from 'yjs'
import { z } from 'zod'
import { type TemplatePhase, templatePhase } from '../template.ts'
import { flowMap } from './roots.ts'

/**
 * The facilitated flow of a workshop, under the root `flow` (a Y.Map). Only the facilitator
 * changes it (the server reverts anyone else's change, see policy.ts).
 *
 * | key | value |
 * |---|---|
 * | `phases` | the phases (template format), copied from the template at creation |
 * | `status` | `ready` (not started), `running`, `ended` |
 * | `phase` | index of the current phase |
 * | `timer` | `{state:'off'}`, `{state:'running', endsAt}` or `{state:'paused', remainingMs}` |
 * | `bringToMe` | `{canvasId, x, y, zoom, at}`: everyone's view jumps there (once per `at`) |
 * | `spotlight` | `{canvasId, itemId}` or null: one item everyone should look at |
 * | `projector` | `{showQr, showTimer, zoom, frame, section}`: what the projector's screen shows (below) |
 */

export const FLOW_STATUSES = ['ready', 'running', 'ended'] as const
export type FlowStatus = (typeof FLOW_STATUSES)[number]

const timer = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('running'), endsAt: z.number() }),
  z.object({ state: z.literal('paused'), remainingMs: z.number().nonnegative() }),
])
export type Timer = z.infer<typeof timer>

const bringToMe = z.object({
  canvasId: z.string(),
  x: z.number().finite(),
  y: z.number().finite(),
  zoom: z.number().positive(),
  at: z.number(),
})
const spotlight = z.object({ canvasId: z.string(), itemId: z.string() })

/** The projector's size steps: its stage shown from half to three times its fitted size. */
export const PROJECTOR_ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3] as const

/**
 * What the facilitator chose for the projector: the join corner (QR code) and the timer shown
 * or not, the stage's size, the frame of a canvas on the stage (kept until they choose another:
 * `projectorFrame`), and, for one step, the section of its document (else the section last
 * edited is shown).
 */
const projector = z.object({
  showQr: z.boolean(),
  showTimer: z.boolean(),
  zoom: z
    .number()
    .min(PROJECTOR_ZOOMS[0])
    .max(PROJECTOR_ZOOMS[PROJECTOR_ZOOMS.length - 1] ?? 1),
  frame: z.object({ phase: z.string(), itemId: z.string() }).nullable(),
  section: z.object({ phase: z.string(), index: z.number().int().nonnegative() }).nullable(),
})
export type ProjectorState = z.infer<typeof projector>
export const PROJECTOR_DEFAULT: ProjectorState = {
  showQr: true,
  showTimer: true,
  zoom: 1,
  frame: null,
  section: null,
}

export interface FlowState {
  phases: TemplatePhase[]
  status: FlowStatus
  /** Index into `phases`, clamped; -1 when there are no phases. */
  phaseIndex: number
  phase: TemplatePhase | null
  timer: Timer
  bringToMe: z.infer<typeof bringToMe> | null
  spotlight: z.infer<typeof spotlight> | null
  projector: ProjectorState
}

const OFF: Timer = { state: 'off' }

/** What the running phase allows, or null when none runs (before the start, after the end). */
export const runningAllow = (flow: FlowState): TemplatePhase['allow'] | null =>
  flow.status === 'running' && flow.phase ? flow.phase.allow : null

/**
 * The votes whose published results a step shows: its own, then those it looks back at
 * (`templatePhase.results`).
 */
export const stepResultIds = (phase: TemplatePhase): string[] => [
  ...(phase.vote ? [phase.id] : []),
  ...(phase.results ?? []),
]

/** The flow's status alone (`ready` when missing or malformed), without reading its phases. */
export const readFlowStatus = (doc: Y.Doc): FlowStatus => {
  const status = z.enum(FLOW_STATUSES).safeParse(flowMap(doc).get('status'))
  return status.success ? status.data : 'ready'
}

/** The flow as it stands; missing or malformed fields read as their defaults. */
export const readFlow = (doc: Y.Doc): FlowState => {
  const map = flowMap(doc)
  const phases = z.array(templatePhase).safeParse(map.get('phases'))
  const list = phases.success ? phases.data : []
  const index = z.number().int().safeParse(map.get('phase'))
  const phaseIndex =
    list.length === 0 ? -1 : Math.max(0, Math.min(index.success ? index.data : 0, list.length - 1))
  const parsedTimer = timer.safeParse(map.get('timer'))
  const parsedBring = bringToMe.safeParse(map.get('bringToMe'))
  const parsedSpot = spotlight.safeParse(map.get('spotlight'))
  const parsedProjector = projector.safeParse(map.get('projector'))
  return {
    phases: list,
    status: readFlowStatus(doc),
    phaseIndex,
    phase: list[phaseIndex] ?? null,
    timer: parsedTimer.success ? parsedTimer.data : OFF,
    bringToMe: parsedBring.success ? parsedBring.data : null,
    spotlight: parsedSpot.success ? parsedSpot.data : null,
    projector: parsedProjector.success ? parsedProjector.data : PROJECTOR_DEFAULT,
  }
}

/**
 * The frame (item id) the facilitator put on the projector's stage, or null: what the step is
 * about. It stays from step to step until they choose another (readers use it only while it is
 * on the step's canvas: a step about another canvas starts from that one's).
 */
export const projectorFrame = (flow: FlowState): string | null =>
  flow.phase ? (flow.projector.frame?.itemId ?? null) : null

/** The section of the step's document the facilitator put on the stage, or null: none chosen. */
export const projectorSection = (flow: FlowState): number | null =>
  flow.phase && flow.projector.section?.phase === flow.phase.id
    ? flow.projector.section.index
    : null

/** Milliseconds left on the timer at `now` (0 when it ran out), or null when it is off. */
export const remainingMs = (state: Timer, now: number): number | null =>
  state.state === 'off'
    ? null
    : state.state === 'paused'
      ? state.remainingMs
      : Math.max(0, state.endsAt - now)

const timerFor = (phase: TemplatePhase | undefined, now: number): Timer =>
  phase?.timeboxMinutes ? { state: 'running', endsAt: now + phase.timeboxMinutes * 60_000 } : OFF

/** Copies the template's phases into a new workshop (the flow starts `ready`). */
export const initFlow = (doc: Y.Doc, phases: readonly TemplatePhase[], origin: unknown): void => {
  doc.transact(() => {
    const map = flowMap(doc)
    map.set(
      'phases',
      phases.map((phase) => ({ ...phase })),
    )
    map.set('status', 'ready')
    map.set('phase', 0)
    map.set('timer', OFF)
    map.set('bringToMe', null)
    map.set('spotlight', null)
  }, origin)
}

/**
 * Migration: the stored phases as `change` rewrites them (left as they are when they do not
 * read as phases, or `change` changes nothing).
 */
export const rewritePhases = (
  doc: Y.Doc,
  change: (phases: TemplatePhase[]) => TemplatePhase[],
): void => {
  const map = flowMap(doc)
  const parsed = z.array(templatePhase).safeParse(map.get('phases'))
  if (!parsed.success) return
  const next = change(parsed.data)
  if (JSON.stringify(next) !== JSON.stringify(parsed.data)) map.set('phases', next)
}

/** Moves to phase `index` (clamped) and starts its timebox; starts the workshop if needed. */
export const goToPhase = (doc: Y.Doc, index: number, origin: unknown, now = Date.now()): void => {
  const { phases } = readFlow(doc)
  if (phases.length === 0) return
  const clamped = Math.max(0, Math.min(index, phases.length - 1))
  doc.transact(() => {
    const map = flowMap(doc)
    map.set('status', 'running')
    map.set('phase', clamped)
    map.set('timer', timerFor(phases[clamped], now))
    map.set('spotlight', null)
  }, origin)
}

export const startWorkshop = (doc: Y.Doc, origin: unknown, now = Date.now()) =>
  goToPhase(doc, 0, origin, now)
export const nextPhase = (doc: Y.Doc, origin: unknown, now = Date.now()) =>
  goToPhase(doc, readFlow(doc).phaseIndex + 1, origin, now)
export const previousPhase = (doc: Y.Doc, origin: unknown, now = Date.now()) =>
  goToPhase(doc, readFlow(doc).phaseIndex - 1, origin, now)

export const endWorkshop = (doc: Y.Doc, origin: unknown): void => {
  doc.transact(() => {
    flowMap(doc).set('status', 'ended')
    flowMap(doc).set('timer', OFF)
  }, origin)
}

/** Adds (or, negative, removes) time; a timer that was off starts from zero. */
export const extendTimer = (
  doc: Y.Doc,
  deltaMs: number,
  origin: unknown,
  now = Date.now(),
): void => {
  const current = readFlow(doc).timer
  const next: Timer =
    current.state === 'paused'
      ? { state: 'paused', remainingMs: Math.max(0, current.remainingMs + deltaMs) }
      : {
          state: 'running',
          endsAt: Math.max(now, current.state === 'running' ? current.endsAt : now) + deltaMs,
        }
  doc.transact(() => flowMap(doc).set('timer', next), origin)
}

export const pauseTimer = (doc: Y.Doc, origin: unknown, now = Date.now()): void => {
  const current = readFlow(doc).timer
  if (current.state !== 'running') return
  doc.transact(
    () =>
      flowMap(doc).set('timer', {
        state: 'paused',
        remainingMs: Math.max(0, current.endsAt - now),
      }),
    origin,
  )
}

export const resumeTimer = (doc: Y.Doc, origin: unknown, now = Date.now()): void => {
  const current = readFlow(doc).timer
  if (current.state !== 'paused') return
  doc.transact(
    () => flowMap(doc).set('timer', { state: 'running', endsAt: now + current.remainingMs }),
    origin,
  )
}

export const bringEveryoneTo = (
  doc: Y.Doc,
  view: { canvasId: string; x: number; y: number; zoom: number },
  origin: unknown,
  now = Date.now(),
): void => {
  doc.transact(() => flowMap(doc).set('bringToMe', { ...view, at: now }), origin)
}

export const setSpotlight = (
  doc: Y.Doc,
  target: { canvasId: string; itemId: string } | null,
  origin: unknown,
): void => {
  doc.transact(() => flowMap(doc).set('spotlight', target), origin)
}

/** Changes what the projector shows (the facilitator's, as all of the flow). */
export const setProjector = (
  doc: Y.Doc,
  change: Partial<ProjectorState>,
  origin: unknown,
): void => {
  doc.transact(
    () => flowMap(doc).set('projector', { ...readFlow(doc).projector, ...change }),
    origin,
  )
}

export const observeFlow = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const map = flowMap(doc)
  const handler = () => onChange()
  map.observe(handler)
  return () => map.unobserve(handler)
}

/** Whether the flow map holds anything yet (a workshop created before flows has none). */
export const hasFlow = (doc: Y.Doc): boolean => flowMap(doc).has('phases')
