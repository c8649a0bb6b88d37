import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { PHONE_MESSAGES } from '../../client/features/phone/messages.ts'
import { PhoneMain } from '../../client/features/phone/PhoneMain.tsx'
import { ProjectorView } from '../../client/features/projector/ProjectorPage.tsx'
import { StepCard } from '../../client/features/workspace/StepCard.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import {
  goToPhase,
  readFlow,
  readPlan,
  sectionBody,
  setProjector,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { amina, fakePrivate } from '../helpers/canvasArea.tsx'
import { fakeLinks, fakeSession } from '../helpers/fakeWorkshop.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import { renderArea } from './documentsHelpers.tsx'
import { renderWithI18n } from './helpers.tsx'

/**
 * « Plan ouvert »: a person finds one plan, the one in the Plan tab; every step about it (the
 * step card's button, the phone, the projector) leads there, not to a document beside it.
 */

const template = shippedTemplate('plan-ouvert')
/** The plan's open question (its « » hold non-breaking spaces). */
const QUESTION = /prendre soin les uns des autres/

/** A « Plan ouvert » workshop, running at its step `phaseId`. */
const at = (phaseId: string) => {
  const { doc } = newWorkshop({ templateId: template.id }, template)
  startWorkshop(doc, 'test')
  goToPhase(
    doc,
    readFlow(doc).phases.findIndex((phase) => phase.id === phaseId),
    'test',
  )
  return doc
}

describe('one plan in « Plan ouvert »', () => {
  it('the Plan tab holds what the template starts the plan with', async () => {
    const doc = at('accueil')
    renderArea(doc, { tab: 'plan' })
    expect(
      await screen.findByRole(
        'heading',
        { level: 4, name: 'Où en sommes-nous?' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 4, name: 'Ce qui change' })).toBeInTheDocument()
    // Its text is there to read, without opening an editor.
    expect(screen.getByText(/Financement de démarrage/)).toBeInTheDocument()
    expect(screen.queryByText('Aucune section pour l’instant.')).toBeNull()
    expect(screen.getByRole('textbox', { name: 'Question 1' })).toHaveValue(
      template.content.plan?.questions[0]?.text.fr,
    )
  })

  it('the step card of a step about the plan opens the Plan tab', () => {
    const doc = at('accueil')
    const onOpen = vi.fn()
    renderWithI18n(() => (
      <StepCard
        id="card"
        doc={doc}
        flow={createFlow(doc)}
        open
        onClose={() => {}}
        onOpenFocus={onOpen}
      />
    ))
    expect(screen.getByText('On travaille sur le plan.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Ouvrir le document' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Ouvrir le plan' }))
    expect(onOpen).toHaveBeenCalledWith('plan')
  })

  it('the projector shows the part of the plan someone edits, unless the facilitator chose one', async () => {
    const doc = at('mise-a-jour-du-plan')
    renderWithI18n(() => (
      <ProjectorView
        doc={doc}
        session={fakeSession(fakeLinks(template.id), 'observer')}
        joinUrl={null}
      />
    ))
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await within(stage).findByText('Plan : Où en sommes-nous?', {}, { timeout: 5000 })
    expect(within(stage).getByText(/Financement de démarrage/)).toBeInTheDocument()
    // Someone writes in « Ce qui change ».
    const changes = readPlan(doc).sections.find((section) => section.title === 'Ce qui change')
    const body = sectionBody(doc, changes?.id ?? '') as Y.XmlFragment
    const list = body.get(0) as Y.XmlElement
    const text = ((list.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
    doc.transact(() => text.insert(0, 'Nouveau : '), 'remote')
    await within(stage).findByText('Plan : Ce qui change')
    expect(within(stage).queryByText(/Financement de démarrage/)).toBeNull()
    // The facilitator puts the open questions on the stage (the sections, then the questions).
    setProjector(doc, { section: { phase: 'mise-a-jour-du-plan', index: 3 } }, 'test')
    await within(stage).findByText('Plan : Questions ouvertes')
    expect(within(stage).getByText(QUESTION)).toBeInTheDocument()
  })

  it('a phone reads the plan at a step about it, and « Modifier » opens the Plan tab', async () => {
    const doc = at('mise-a-jour-du-plan')
    const opened: string[] = []
    const i18n = createI18n('fr')
    i18n.addMessages(PHONE_MESSAGES)
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
          artefacts={{ edit: true, position: true, manage: false }}
          board={() => <p>Le tableau</p>}
          onOpen={(tab) => opened.push(tab)}
        />
      </I18nProvider>
    ))
    const plan = await screen.findByRole(
      'article',
      { name: 'Plan ouvert et changeant' },
      { timeout: 5000 },
    )
    expect(within(plan).getByRole('heading', { name: 'Où en sommes-nous?' })).toBeInTheDocument()
    expect(within(plan).getByText(QUESTION)).toBeInTheDocument()
    expect(screen.queryByRole('textbox', { name: 'Écrire une idée' })).toBeNull()
    fireEvent.click(
      within(plan).getByRole('button', { name: 'Modifier «\u00a0Plan ouvert et changeant\u00a0»' }),
    )
    await waitFor(() => expect(opened).toEqual(['plan']))
  })
})
