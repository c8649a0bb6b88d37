import { describe, expect, it } from 'vitest'
import {
  endWorkshop,
  extendTimer,
  goToPhase,
  nextPhase,
  PROJECTOR_DEFAULT,
  pauseTimer,
  previousPhase,
  projectorFrame,
  projectorSection,
  readFlow,
  remainingMs,
  resumeTimer,
  setProjector,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { workshopTemplate } from '../../shared/template.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'
const phase = (id: string, minutes?: number) => ({
  id,
  title: { fr: id, en: id },
  instructions: { fr: `Faire ${id}`, en: `Do ${id}` },
  ...(minutes ? { timeboxMinutes: minutes } : {}),
})

const workshop = () => {
  const template = workshopTemplate.parse({
    id: 'essai',
    title: { fr: 'Essai', en: 'Trial' },
    description: { fr: 'Essai', en: 'Trial' },
    durationMinutes: 30,
    phases: [phase('accueil', 5), phase('ecrire', 10), phase('voter')],
  })
  return newWorkshop({ templateId: 'essai' }, template).doc
}

describe('workshop flow', () => {
  it('starts ready with the template phases, then runs them in order with their timebox', () => {
    const doc = workshop()
    expect(readFlow(doc)).toMatchObject({ status: 'ready', phaseIndex: 0, timer: { state: 'off' } })
    expect(readFlow(doc).phases.map((p) => p.id)).toEqual(['accueil', 'ecrire', 'voter'])
    startWorkshop(doc, O, 1000)
    expect(readFlow(doc)).toMatchObject({
      status: 'running',
      phaseIndex: 0,
      timer: { state: 'running', endsAt: 1000 + 5 * 60_000 },
    })
    nextPhase(doc, O, 2000)
    expect(readFlow(doc)).toMatchObject({ phaseIndex: 1, timer: { endsAt: 2000 + 10 * 60_000 } })
    nextPhase(doc, O, 3000)
    expect(readFlow(doc)).toMatchObject({ phaseIndex: 2, timer: { state: 'off' } })
    nextPhase(doc, O, 4000)
    expect(readFlow(doc).phaseIndex).toBe(2)
    previousPhase(doc, O, 5000)
    expect(readFlow(doc).phase?.id).toBe('ecrire')
    goToPhase(doc, -4, O)
    expect(readFlow(doc).phaseIndex).toBe(0)
    endWorkshop(doc, O)
    expect(readFlow(doc)).toMatchObject({ status: 'ended', timer: { state: 'off' } })
  })

  it('pauses, resumes and extends the timer', () => {
    const doc = workshop()
    startWorkshop(doc, O, 0)
    pauseTimer(doc, O, 60_000)
    expect(remainingMs(readFlow(doc).timer, 999_999)).toBe(4 * 60_000)
    extendTimer(doc, 60_000, O)
    expect(readFlow(doc).timer).toEqual({ state: 'paused', remainingMs: 5 * 60_000 })
    resumeTimer(doc, O, 100_000)
    expect(remainingMs(readFlow(doc).timer, 100_000)).toBe(5 * 60_000)
    expect(remainingMs(readFlow(doc).timer, 10 ** 9)).toBe(0)
  })

  it('gives an empty flow to a workshop without a template', () => {
    const { doc } = newWorkshop()
    expect(doc.getMap('flow').get('phases')).toEqual([])
    expect(readFlow(doc)).toMatchObject({
      phases: [],
      phase: null,
      phaseIndex: -1,
      status: 'ready',
    })
    startWorkshop(doc, O)
    expect(readFlow(doc).status).toBe('ready')
  })

  it('shows the projector’s QR code and timer at first; a chosen frame holds from step to step, a section for its step only', () => {
    const doc = workshop()
    expect(readFlow(doc).projector).toEqual(PROJECTOR_DEFAULT)
    startWorkshop(doc, O)
    setProjector(doc, { showQr: false, frame: { phase: 'accueil', itemId: 'cadre-1' } }, O)
    setProjector(doc, { section: { phase: 'accueil', index: 2 } }, O)
    const shown = readFlow(doc)
    expect(shown.projector).toMatchObject({ showQr: false, showTimer: true, zoom: 1 })
    expect(projectorFrame(shown)).toBe('cadre-1')
    expect(projectorSection(shown)).toBe(2)
    nextPhase(doc, O)
    // The frame stays until the facilitator chooses another (the stage uses it while it is on
    // the step's canvas); a section is its step's document's, and none is chosen for the next.
    expect(projectorFrame(readFlow(doc))).toBe('cadre-1')
    expect(projectorSection(readFlow(doc))).toBeNull()
    expect(readFlow(doc).projector.showQr).toBe(false)
    // Out of its bounds (a hand-written value): the defaults.
    doc.getMap('flow').set('projector', { ...PROJECTOR_DEFAULT, zoom: 40 })
    expect(readFlow(doc).projector).toEqual(PROJECTOR_DEFAULT)
  })
})
