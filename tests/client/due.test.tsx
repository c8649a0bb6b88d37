import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { PHONE_MESSAGES } from '../../client/features/phone/messages.ts'
import { PhoneMain } from '../../client/features/phone/PhoneMain.tsx'
import { ProjectorView } from '../../client/features/projector/ProjectorPage.tsx'
import { StepCard } from '../../client/features/workspace/StepCard.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import {
  addAction,
  createDecision,
  type DueTarget,
  endWorkshop,
  goToPhase,
  readFlow,
  setDecisionStatus,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { amina, fakePrivate } from '../helpers/canvasArea.tsx'
import { fakeLinks, fakeSession } from '../helpers/fakeWorkshop.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import { renderArea } from './documentsHelpers.tsx'
import { renderWithI18n } from './helpers.tsx'

/**
 * What is due, where a person meets it: « Plan ouvert »'s first step (the step card, the
 * phone, the projector) and the lab's home between sessions (the step card once the session
 * has ended). Today is Montréal's: these tests run at 23:30 there on 4 March 2027, when UTC
 * is already the 5th.
 */

const template = shippedTemplate('plan-ouvert')
const NOW = Date.parse('2027-03-04T23:30:00-05:00')
const O = 'test'

/** A « Plan ouvert » lab with what its last session left: two actions and a decision come due. */
const lab = () => {
  const { doc } = newWorkshop({ templateId: template.id }, template)
  const late = addAction(doc, { title: 'Appeler la CDC', owner: 'Léo', due: '2027-03-01' }, O, 1)
  const today = addAction(doc, { title: 'Réserver la salle', due: '2027-03-04' }, O, 2)
  addAction(doc, { title: 'Plus tard', owner: 'Amina', due: '2027-03-05' }, O, 3)
  const february = Date.parse('2027-02-04T10:00:00-05:00')
  const decision = createDecision(
    doc,
    { title: 'Jumeler chaque patient', reviewDate: '2027-03-04' },
    O,
    february,
  )
  setDecisionStatus(doc, decision, 'adopted', O, { now: february })
  return { doc, late, today, decision }
}

/** The lab running « Plan ouvert » at its step `phaseId`. */
const at = (doc: Y.Doc, phaseId: string) => {
  startWorkshop(doc, O)
  goToPhase(
    doc,
    readFlow(doc).phases.findIndex((phase) => phase.id === phaseId),
    O,
  )
  return doc
}

const stepCard = (doc: Y.Doc, onReveal: (target: DueTarget) => void, locale: Locale = 'fr') =>
  renderWithI18n(
    () => (
      <StepCard
        id="card"
        doc={doc}
        flow={createFlow(doc)}
        open
        onClose={() => {}}
        onOpenFocus={() => {}}
        onReveal={onReveal}
      />
    ),
    locale,
  )

/** The list's region (its code loads when first shown). */
const dueRegion = (name: RegExp) => screen.findByRole('region', { name }, { timeout: 5000 })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('what is due, at « Plan ouvert »’s review step', () => {
  it('the step card lists it, late first, with owners and days, and each item opens where it is changed', async () => {
    const { doc, late, today, decision } = lab()
    const onReveal = vi.fn()
    stepCard(at(doc, 'accueil'), onReveal)
    const region = await dueRegion(/^À faire \(3\)$/)
    expect(within(region).getByText('1 en retard · 2 pour aujourd’hui')).toBeInTheDocument()
    const items = within(region).getAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(
        /Action du plan.*Appeler la CDC.*En retard.*Responsable\u00a0: Léo.*Prévue pour le 1er mars 2027/,
      ),
      expect.stringMatching(
        /Action du plan.*Réserver la salle.*Aujourd’hui.*Personne n’en est encore responsable.*Prévue pour le 4 mars 2027/,
      ),
      expect.stringMatching(
        /Décision à revoir.*Jumeler chaque patient.*Aujourd’hui.*Révision prévue le 4 mars 2027.*Adoptée/,
      ),
    ])
    // Tomorrow's action is not there (UTC's day is already the 5th).
    expect(within(region).queryByText('Plus tard')).toBeNull()
    fireEvent.click(
      within(region).getByRole('button', {
        name: 'Ouvrir l’action «\u00a0Appeler la CDC\u00a0» dans le plan',
      }),
    )
    expect(onReveal).toHaveBeenLastCalledWith({ tab: 'plan', id: late })
    fireEvent.click(
      within(region).getByRole('button', {
        name: 'Ouvrir la décision «\u00a0Jumeler chaque patient\u00a0» dans le journal des décisions',
      }),
    )
    expect(onReveal).toHaveBeenLastCalledWith({ tab: 'decisions', id: decision })
    expect(
      within(region).getByRole('button', {
        name: 'Ouvrir l’action «\u00a0Réserver la salle\u00a0» dans le plan',
      }),
    ).toBeInTheDocument()
    expect(today).toBeTruthy()
  })

  it('in English, with days as English writes them', async () => {
    const { doc } = lab()
    stepCard(at(doc, 'accueil'), () => {}, 'en')
    const region = await dueRegion(/^Due \(3\)$/)
    expect(within(region).getByText('1 late · 2 due today')).toBeInTheDocument()
    expect(within(region).getByText('Due March 1, 2027')).toBeInTheDocument()
    expect(within(region).getByText('To review on March 4, 2027')).toBeInTheDocument()
    expect(
      within(region).getByRole('button', { name: 'Open the action “Appeler la CDC” in the plan' }),
    ).toBeInTheDocument()
  })

  it('says when nothing is due, and other steps do not list it', async () => {
    const { doc } = newWorkshop({ templateId: template.id }, template)
    const view = stepCard(at(doc, 'accueil'), () => {})
    expect(
      within(await dueRegion(/^À faire \(0\)$/)).getByText(/^Rien n’arrive à échéance/),
    ).toBeInTheDocument()
    view.unmount()
    stepCard(at(lab().doc, 'prochains-pas'), () => {})
    expect(screen.queryByRole('region', { name: /^À faire/ })).toBeNull()
  })

  it('a phone lists it above the plan, and an item opens where it is changed', async () => {
    const { doc, late } = lab()
    at(doc, 'accueil')
    const i18n = createI18n('fr')
    i18n.addMessages(PHONE_MESSAGES)
    const onReveal = vi.fn()
    const writer = { role: 'participant' as const, participantId: amina.participantId }
    render(() => (
      <I18nProvider value={i18n}>
        <PhoneMain
          doc={doc}
          flow={createFlow(doc)}
          now={() => Date.now()}
          role={writer.role}
          identity={amina}
          writer={writer}
          writable
          ready
          privateConnection={fakePrivate()}
          artefacts={{ edit: false, position: false, manage: false }}
          board={() => <p>Le tableau</p>}
          onOpen={() => {}}
          onReveal={onReveal}
        />
      </I18nProvider>
    ))
    const region = await dueRegion(/^À faire \(3\)$/)
    fireEvent.click(
      within(region).getByRole('button', {
        name: 'Ouvrir l’action «\u00a0Appeler la CDC\u00a0» dans le plan',
      }),
    )
    expect(onReveal).toHaveBeenCalledWith({ tab: 'plan', id: late })
    // The plan follows, to read.
    await screen.findByRole('article', { name: 'Plan ouvert et changeant' }, { timeout: 5000 })
  })

  it('the projector’s stage shows it, in large type, without controls', async () => {
    const { doc } = lab()
    at(doc, 'accueil')
    renderWithI18n(() => (
      <ProjectorView
        doc={doc}
        session={fakeSession(fakeLinks(template.id), 'observer')}
        joinUrl={null}
      />
    ))
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    const region = await within(stage).findByRole('region', { name: 'À faire (3)' })
    expect(within(region).getByText('Appeler la CDC')).toBeInTheDocument()
    expect(within(region).getByText('Responsable : Léo')).toBeInTheDocument()
    expect(within(region).queryAllByRole('button')).toHaveLength(0)
    // Not the plan's part that the other steps about the plan show.
    expect(within(stage).queryByText(/^Plan : /)).toBeNull()
  })
})

describe('what is due, on the lab’s home between sessions', () => {
  it('the step card lists it once the session has ended, and nothing when nothing is due', async () => {
    const { doc, late } = lab()
    at(doc, 'accueil')
    endWorkshop(doc, O)
    const onReveal = vi.fn()
    const view = stepCard(doc, onReveal)
    expect(screen.getByRole('heading', { name: 'La séance est terminée' })).toBeInTheDocument()
    const region = await dueRegion(/^À faire \(3\)$/)
    fireEvent.click(
      within(region).getByRole('button', {
        name: 'Ouvrir l’action «\u00a0Appeler la CDC\u00a0» dans le plan',
      }),
    )
    expect(onReveal).toHaveBeenCalledWith({ tab: 'plan', id: late })
    view.unmount()
    // A lab with nothing due: the home says only that the session has ended.
    const { doc: quiet } = newWorkshop({ templateId: template.id }, template)
    stepCard(quiet, () => {})
    expect(screen.getByRole('heading', { name: 'La séance n’a pas commencé' })).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: /^À faire/ })).toBeNull()
  })

  it('opened from the list, the Plan tab brings the action, and the decision log the decision, with the focus', async () => {
    const { doc, late, decision } = lab()
    const plan = renderArea(doc, { tab: 'plan', reveal: { tab: 'plan', id: late } })
    // The action's row has the focus (its title is a field to edit, or its heading cell).
    await waitFor(
      () => {
        const row = document.activeElement?.closest('tr')
        expect(row?.querySelector('input')?.value ?? row?.textContent).toContain('Appeler la CDC')
      },
      { timeout: 5000 },
    )
    plan.unmount()
    renderArea(doc, { tab: 'decisions', reveal: { tab: 'decisions', id: decision } })
    await waitFor(() => expect(document.activeElement?.id).toBe(`decision-${decision}`), {
      timeout: 5000,
    })
  })
})
