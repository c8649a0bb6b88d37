// One file (over 500 lines): the artefacts area's panels (charters, plan, decisions, versions)
// in one rendered area, with the same fixtures (documentsFixtures.ts, documentsHelpers.tsx).
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VersionDiff } from '../../shared/schema/versions.ts'
import { writeResult } from '../../shared/schema/votes.ts'
import { shippedTemplate } from '../helpers/workshopDoc.ts'
import {
  addAction,
  addBox,
  addCharterItem,
  charterItemTextForTest,
  createCharter,
  createDecision,
  DECISION_TRANSITIONS,
  initFlow,
  listCanvases,
  listCharters,
  listDecisions,
  planSession,
  readPlan,
  setDecisionStatus,
  startSession,
  upsertParticipant,
} from './documentsFixtures.ts'
import { buildDoc, me, myCredentials, renderArea } from './documentsHelpers.tsx'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('role charters', () => {
  it('editing an item writes its Y.Text with the smallest change', async () => {
    const doc = buildDoc()
    const charterId = createCharter(
      doc,
      { role: 'patient', title: 'Charte des patients', items: [{ text: 'Témoigner' }] },
      'test',
    )
    renderArea(doc, { tab: 'charters' })
    const field = (await screen.findByLabelText(
      'Texte — Responsabilité 1',
      {},
      { timeout: 5000 },
    )) as HTMLTextAreaElement
    const text = charterItemTextForTest(doc, charterId)
    const deltas: unknown[] = []
    text.observe((event) => deltas.push(event.delta))
    fireEvent.input(field, { target: { value: 'Témoigner de son vécu' } })
    expect(text.toString()).toBe('Témoigner de son vécu')
    // Only the words typed were inserted: the rest of the text was kept (merge-friendly).
    expect(deltas).toEqual([[{ retain: 9 }, { insert: ' de son vécu' }]])
    // Someone else edits: the field follows.
    doc.transact(() => text.insert(0, '» '))
    await waitFor(() => expect(field.value).toBe('» Témoigner de son vécu'))
  })

  it('counts positions by partner group, as text; a group of fewer than 3 is never shown alone', async () => {
    const doc = buildDoc()
    upsertParticipant(doc, { id: 'me-000000001', name: 'Nadia', group: 'patient' }, 'test')
    upsertParticipant(doc, { id: 'p2-000000002', name: 'Marc', group: 'clinician' }, 'test')
    const charterId = createCharter(
      doc,
      { role: 'clinician', title: 'Charte des cliniciens' },
      'test',
    )
    const itemId = addCharterItem(
      doc,
      charterId,
      { text: 'Compléter, sans substituer', kind: 'limit' },
      'test',
    )
    renderArea(doc, { tab: 'charters' })
    const group = await screen.findByRole(
      'group',
      { name: 'Votre position — Limite 1' },
      { timeout: 5000 },
    )
    fireEvent.click(within(group).getByLabelText('D’accord'))
    expect(listCharters(doc)[0]?.items[0]?.byParticipant).toEqual({ 'me-000000001': 'agree' })
    // Someone from another group objects (from their own browser). Two people in all: any
    // count would tell each where the other stands (a walk-through saw « 1 d’accord ·
    // 1 s’opposent » live), so none is shown until a third gives theirs.
    const { setPosition } = await import('../../shared/schema/index.ts')
    setPosition(doc, charterId, itemId, 'p2-000000002', 'object', 'remote')
    await screen.findByText(/Moins de 3 personnes ont donné leur position/)
    expect(screen.queryByText(/s’opposent/)).toBeNull()
    // A third, of a third group: all counted together, no group's line of its own.
    upsertParticipant(doc, { id: 'p7-000000007', name: 'Lou', group: 'citizen' }, 'test')
    setPosition(doc, charterId, itemId, 'p7-000000007', 'agree', 'remote')
    const together = await screen.findByText('2 d’accord · 0 à discuter · 1 s’opposent')
    expect(together.closest('li')).toHaveTextContent('Tous les groupes')
    expect(screen.queryByText('Clinicien partenaire')).toBeNull()
    expect(screen.getByText(/moins de 3 personnes/)).toBeInTheDocument()
    setPosition(doc, charterId, itemId, 'p7-000000007', null, 'remote')
    // Three of each: each group has its line.
    for (const n of [3, 4, 5, 6]) {
      const group = n < 5 ? 'patient' : 'clinician'
      const id = `p${n}-00000000${n}`
      upsertParticipant(doc, { id, name: `P${n}`, group }, 'test')
      setPosition(doc, charterId, itemId, id, n < 5 ? 'discuss' : 'object', 'remote')
    }
    const patient = await screen.findByText('1 d’accord · 2 à discuter · 0 s’opposent')
    expect(patient.closest('li')).toHaveTextContent('Patient partenaire')
    const clinician = screen.getByText('0 d’accord · 0 à discuter · 3 s’opposent')
    expect(clinician.closest('li')).toHaveTextContent('Clinicien partenaire')
    expect(screen.queryByText('Tous les groupes')).toBeNull()
  })

  it('the status the group decided is the facilitator’s to set; a participant reads it', async () => {
    const doc = buildDoc()
    const charterId = createCharter(
      doc,
      { role: 'clinician', title: 'Charte', items: [{ text: 'Compléter', kind: 'limit' }] },
      'test',
    )
    const participant = renderArea(doc, { tab: 'charters' })
    await screen.findByRole('group', { name: 'Votre position — Limite 1' }, { timeout: 5000 })
    expect(screen.getByText('Statut : À discuter')).toBeInTheDocument()
    expect(screen.queryByLabelText('Statut décidé par le groupe — Limite 1')).toBeNull()
    participant.unmount()
    renderArea(doc, { tab: 'charters', role: 'facilitator' })
    fireEvent.change(
      await screen.findByLabelText('Statut décidé par le groupe — Limite 1', {}, { timeout: 5000 }),
      { target: { value: 'agreed' } },
    )
    expect(listCharters(doc)[0]?.items[0]?.status).toBe('agreed')
    expect(listCharters(doc)[0]?.id).toBe(charterId)
  })

  it('a participant deletes only the items they added; the template’s are the facilitator’s', async () => {
    const doc = buildDoc()
    createCharter(
      doc,
      {
        role: 'clinician',
        title: 'Charte',
        items: [{ text: 'Du modèle', seedText: { fr: 'Du modèle', en: 'From the template' } }],
      },
      'test',
    )
    renderArea(doc, { tab: 'charters' })
    await screen.findByRole(
      'group',
      { name: 'Votre position — Responsabilité 1' },
      { timeout: 5000 },
    )
    expect(screen.queryByRole('button', { name: 'Supprimer — Responsabilité 1' })).toBeNull()
    fireEvent.click(screen.getByText('Ajouter un élément'))
    fireEvent.input(screen.getByLabelText('Texte de l’élément'), { target: { value: 'Le mien' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter' }))
    expect(listCharters(doc)[0]?.items[1]).toMatchObject({
      text: 'Le mien',
      createdBy: me.participantId,
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Supprimer — Responsabilité 2' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, supprimer' }))
    await waitFor(() =>
      expect(listCharters(doc)[0]?.items.map((i) => i.text)).toEqual(['Du modèle']),
    )
  })

  it('the facilitator adds a charter for another role and items to it', async () => {
    const doc = buildDoc()
    renderArea(doc, { tab: 'charters', role: 'facilitator' })
    fireEvent.click(
      await screen.findByText('Ajouter une charte pour un autre rôle', {}, { timeout: 5000 }),
    )
    fireEvent.input(screen.getByLabelText('Nom du rôle'), { target: { value: 'Pair aidant' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la charte' }))
    expect(listCharters(doc).map((c) => [c.role, c.title])).toEqual([
      ['pair-aidant', 'Charte — Pair aidant'],
    ])
    fireEvent.click(await screen.findByText('Ajouter un élément'))
    fireEvent.change(screen.getByLabelText('Type de l’élément'), {
      target: { value: 'commitment' },
    })
    fireEvent.input(screen.getByLabelText('Texte de l’élément'), {
      target: { value: 'Être présent' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter' }))
    expect(listCharters(doc)[0]?.items.map((i) => [i.kind, i.text])).toEqual([
      ['commitment', 'Être présent'],
    ])
  })
})

describe('open plan', () => {
  it('changes an action’s owner, due date, status and linked decision', async () => {
    const doc = buildDoc()
    const decisionId = createDecision(doc, { title: 'Ouvrir le samedi' }, 'test')
    addAction(doc, { title: 'Trouver un local' }, 'test')
    renderArea(doc, { tab: 'plan' })
    fireEvent.change(
      await screen.findByLabelText('Responsable — action 1', {}, { timeout: 5000 }),
      {
        target: { value: 'Julie' },
      },
    )
    fireEvent.change(screen.getByLabelText('Échéance — action 1'), {
      target: { value: '2025-09-30' },
    })
    fireEvent.change(screen.getByLabelText('Statut — action 1'), { target: { value: 'doing' } })
    fireEvent.change(screen.getByLabelText('Décision liée — action 1'), {
      target: { value: decisionId },
    })
    expect(readPlan(doc).actions[0]).toMatchObject({
      title: 'Trouver un local',
      owner: 'Julie',
      due: '2025-09-30',
      status: 'doing',
      decisionId,
    })
    fireEvent.change(screen.getByLabelText('Échéance — action 1'), { target: { value: '' } })
    expect(readPlan(doc).actions[0]?.due).toBeNull()
  })

  it('adds sections, actions and questions, and marks a question answered', async () => {
    const doc = buildDoc()
    renderArea(doc, { tab: 'plan' })
    fireEvent.click(await screen.findByText('Nouvelle section', {}, { timeout: 5000 }))
    fireEvent.input(screen.getByLabelText('Titre de la nouvelle section'), {
      target: { value: 'Accueil' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la section' }))
    expect(readPlan(doc).sections.map((s) => s.title)).toEqual(['Accueil'])
    fireEvent.change(await screen.findByLabelText('Avancement — Accueil'), {
      target: { value: 'blocked' },
    })
    expect(readPlan(doc).sections[0]?.status).toBe('blocked')

    fireEvent.click(screen.getByText('Nouvelle action'))
    fireEvent.input(screen.getByLabelText('Action'), { target: { value: 'Appeler la mairie' } })
    fireEvent.input(screen.getByLabelText('Responsable'), { target: { value: 'Sam' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter l’action' }))
    expect(readPlan(doc).actions.map((a) => [a.title, a.owner])).toEqual([
      ['Appeler la mairie', 'Sam'],
    ])

    fireEvent.click(screen.getByText('Nouvelle question'))
    fireEvent.input(screen.getByLabelText('Question à garder ouverte'), {
      target: { value: 'Qui paie le transport ?' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la question' }))
    fireEvent.click(
      await screen.findByRole('button', { name: 'Marquer la question 1 comme répondue' }),
    )
    expect(readPlan(doc).questions[0]).toMatchObject({
      text: 'Qui paie le transport ?',
      status: 'answered',
    })
  })
})

describe('decision log', () => {
  it('names on each card the session it was taken in', async () => {
    const doc = buildDoc()
    createDecision(doc, { title: 'A' }, 'test')
    const april = planSession(
      doc,
      { title: 'Séance d’avril', templateId: 'atelier-libre', date: '2027-04-01' },
      'server',
      2,
    )
    startSession(doc, april, shippedTemplate('atelier-libre'), 'server', 3)
    createDecision(doc, { title: 'B' }, 'test')
    renderArea(doc, { tab: 'decisions' })
    const cardA = await screen.findByRole('listitem', { name: 'A' }, { timeout: 5000 })
    // The lab's first session, dated the day it was made (the test's lab: 1 ms after 1970 UTC).
    expect(cardA).toHaveTextContent('Séance : Atelier (31 décembre 1969)')
    expect(screen.getByRole('listitem', { name: 'B' })).toHaveTextContent(
      'Séance : Séance d’avril (1er avril 2027)',
    )
  })

  it('offers only the allowed status changes', async () => {
    const doc = buildDoc()
    const a = createDecision(doc, { title: 'A' }, 'test')
    const b = createDecision(doc, { title: 'B' }, 'test')
    setDecisionStatus(doc, b, 'adopted', 'test')
    const c = createDecision(doc, { title: 'C' }, 'test')
    setDecisionStatus(doc, c, 'superseded', 'test', { supersededBy: b })
    renderArea(doc, { tab: 'decisions', role: 'facilitator' })
    const cardA = (await screen.findByRole(
      'listitem',
      { name: 'A' },
      { timeout: 5000 },
    )) as HTMLElement
    expect(DECISION_TRANSITIONS.proposed).toEqual(['adopted', 'superseded'])
    expect(
      within(cardA).getByRole('button', { name: 'Adopter «\u00a0A\u00a0»' }),
    ).toBeInTheDocument()
    expect(
      within(cardA).queryByRole('button', { name: 'Remettre «\u00a0A\u00a0» en question' }),
    ).toBeNull()
    const cardB = screen.getByRole('listitem', { name: 'B' })
    expect(within(cardB).queryByRole('button', { name: 'Adopter «\u00a0B\u00a0»' })).toBeNull()
    expect(
      within(cardB).getByRole('button', { name: 'Remettre «\u00a0B\u00a0» en question' }),
    ).toBeInTheDocument()
    const cardC = screen.getByRole('listitem', { name: 'C' })
    expect(within(cardC).queryByRole('button', { name: /Adopter|Remettre|Remplacer/ })).toBeNull()
    expect(within(cardC).getByRole('link', { name: 'B' })).toHaveAttribute('href', `#decision-${b}`)

    fireEvent.click(within(cardA).getByRole('button', { name: 'Adopter «\u00a0A\u00a0»' }))
    expect(listDecisions(doc).find((d) => d.id === a)?.status).toBe('adopted')
    // Superseding asks which decision replaces it.
    const cardA2 = screen.getByRole('listitem', { name: 'A' })
    fireEvent.click(
      within(cardA2).getByRole('button', {
        name: 'Remplacer «\u00a0A\u00a0» par une autre décision',
      }),
    )
    fireEvent.change(within(cardA2).getByLabelText('Quelle décision remplace « A » ?'), {
      target: { value: b },
    })
    fireEvent.click(within(cardA2).getByRole('button', { name: 'Confirmer le remplacement' }))
    expect(listDecisions(doc).find((d) => d.id === a)).toMatchObject({
      status: 'superseded',
      supersededBy: b,
    })
  })

  it('creates a proposed decision from a closed vote (facilitator)', async () => {
    const doc = buildDoc()
    initFlow(
      doc,
      [
        {
          id: 'consent',
          title: { fr: 'Ronde de consentement', en: 'Consent round' },
          instructions: { fr: 'Votez', en: 'Vote' },
          allow: { write: false, move: false, vote: true, seeOthers: true },
          vote: {
            kind: 'consent',
            proposal: { fr: 'Ouvrir le samedi', en: 'Open on Saturdays' },
            hidden: true,
          },
        },
      ],
      'test',
    )
    writeResult(
      doc,
      'consent',
      {
        kind: 'consent',
        closed: true,
        voters: 3,
        counts: { consent: 2, concern: 1, objection: 0 },
        // One person per group: no breakdown is published.
        groups: { shown: [], folded: ['patient', 'citizen', 'clinician'] },
        byGroup: {},
        otherGroups: { consent: 2, concern: 1, objection: 0 },
        reasons: [{ value: 'concern', reason: 'Le personnel manque' }],
      },
      'server',
    )
    // Who took part comes from the workshop's participants: the result does not say it.
    for (const [id, group] of [
      ['p-000000001', 'patient'],
      ['c-000000001', 'citizen'],
      ['k-000000001', 'clinician'],
    ] as const) {
      upsertParticipant(doc, { id, name: id, group }, 'test')
    }
    renderArea(doc, { tab: 'decisions', role: 'facilitator' })
    fireEvent.click(
      await screen.findByRole(
        'button',
        // Its name starts with what it shows (WCAG 2.5.3), then says which vote.
        {
          name: 'Créer une décision à partir de ce vote\u00a0: «\u00a0Ronde de consentement\u00a0»',
        },
        { timeout: 5000 },
      ),
    )
    const [decision] = listDecisions(doc)
    expect(decision).toMatchObject({
      title: 'Ronde de consentement',
      decision: 'Ouvrir le samedi',
      status: 'proposed',
      participants: { patient: 1, citizen: 1, clinician: 1, other: 0 },
      dissent: [{ text: 'concern', reason: 'Le personnel manque' }],
      support: { phaseId: 'consent' },
    })
    // Not offered twice.
    expect(
      await screen.findByText('Décision déjà créée : « Ronde de consentement »'),
    ).toBeInTheDocument()
  })

  it('shows the vote behind a decision point by point, and asks before adopting it over a veto', async () => {
    const doc = buildDoc()
    const veto = createDecision(
      doc,
      {
        title: 'Adopter la charte',
        participants: { patient: 3, citizen: 1, clinician: 2, other: 0 },
        support: {
          phaseId: 'accord',
          result: {
            kind: 'gradient',
            closed: true,
            voters: 6,
            scale: 'kaner',
            counts: [3, 1, 0, 0, 0, 0, 1, 1],
            // Patients shown on their own (3), the others together: as the server published it.
            groups: { shown: ['patient'], folded: ['citizen', 'clinician'] },
            byGroup: { patient: [2, 0, 0, 0, 0, 0, 0, 1] },
            otherGroups: [1, 1, 0, 0, 0, 0, 1, 0],
          },
        },
      },
      'test',
    )
    const plain = createDecision(doc, { title: 'Sans vote' }, 'test')
    renderArea(doc, { tab: 'decisions', role: 'facilitator' })
    const card = (await screen.findByRole(
      'listitem',
      { name: 'Adopter la charte' },
      { timeout: 15_000 },
    )) as HTMLElement
    // The breakdown: each point with its count, and by group as the results show it.
    const rows = [...card.querySelectorAll('.vote-results__row')].map((row) => row.textContent)
    expect(rows[0]).toContain('1. Approbation totale')
    expect(rows[0]).toContain('3 personnes — Dont\u00a0: Patient partenaire 2, autres groupes 1')
    expect(rows[7]).toContain('8. Opposition / veto')
    expect(rows[7]).toContain('1 personne — Dont\u00a0: Patient partenaire 1')
    expect(card).toHaveTextContent('Un groupe de moins de 3 personnes n’est jamais montré seul')
    expect(card).toHaveTextContent('Appuyée par un vote : degrés d’accord, 6 votants')
    // French spacing: no line break before a colon.
    expect(card.textContent).toContain('Citoyen partenaire\u00a0: 1')

    // Adopting over a veto asks first, naming it; cancel keeps the decision proposed.
    const adopt = within(card).getByRole('button', {
      name: 'Adopter «\u00a0Adopter la charte\u00a0»',
    })
    adopt.focus()
    fireEvent.click(adopt)
    const dialog = screen.getByRole('alertdialog', { name: 'Adopter malgré l’opposition\u202f?' })
    expect(dialog).toHaveTextContent('« 8. Opposition / veto » : 1 personne')
    expect(dialog).toHaveTextContent('« 7. Je ne soutiens pas » : 1 personne')
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(adopt).toHaveFocus()
    expect(listDecisions(doc).find((d) => d.id === veto)?.status).toBe('proposed')
    fireEvent.click(adopt)
    fireEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Adopter quand même' }),
    )
    expect(listDecisions(doc).find((d) => d.id === veto)?.status).toBe('adopted')
    // The focus stays on the decision, whose "adopt" button went.
    await waitFor(() =>
      expect(screen.getByRole('listitem', { name: 'Adopter la charte' })).toHaveFocus(),
    )

    // Without opposition, adopting asks nothing.
    const other = screen.getByRole('listitem', { name: 'Sans vote' })
    fireEvent.click(within(other).getByRole('button', { name: 'Adopter «\u00a0Sans vote\u00a0»' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(listDecisions(doc).find((d) => d.id === plain)?.status).toBe('adopted')
  }, 30_000)

  it('records a new decision and shows it in the timeline (facilitator)', async () => {
    const doc = buildDoc()
    renderArea(doc, { tab: 'decisions', role: 'facilitator' })
    fireEvent.click(
      await screen.findByRole('button', { name: 'Nouvelle décision' }, { timeout: 5000 }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la décision' }))
    expect(screen.getByText('Donnez un titre à la décision.')).toBeInTheDocument()
    fireEvent.input(screen.getByLabelText('Titre'), { target: { value: 'Navette' } })
    fireEvent.input(screen.getByLabelText('Pourquoi : les raisons'), { target: { value: 'Accès' } })
    fireEvent.input(screen.getByLabelText('Date de révision'), { target: { value: '2030-01-15' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la décision' }))
    expect(listDecisions(doc)[0]).toMatchObject({
      title: 'Navette',
      rationale: 'Accès',
      reviewDate: '2030-01-15',
    })
    fireEvent.click(screen.getByRole('button', { name: 'Chronologie' }))
    expect(await screen.findByText(/« Navette » : Proposée/)).toBeInTheDocument()
    expect(screen.getByText('Révision prévue de « Navette »')).toBeInTheDocument()
    expect(screen.getByText('À venir')).toBeInTheDocument()
  })

  it('edits a recorded decision (facilitator): live texts, options, dissent, review date and links', async () => {
    const doc = buildDoc()
    const id = createDecision(doc, { title: 'Navette' }, 'test')
    const action = addAction(doc, { title: 'Appeler la mairie' }, 'test')
    const canvasId = listCanvases(doc)[0]?.id ?? ''
    const note = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Transport' }, 'test')
    renderArea(doc, { tab: 'decisions', role: 'facilitator' })
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Modifier «\u00a0Navette\u00a0»' },
        { timeout: 5000 },
      ),
    )
    const editor = await screen.findByRole(
      'group',
      { name: 'Modifier la décision' },
      { timeout: 5000 },
    )
    const decision = () => listDecisions(doc).find((d) => d.id === id)

    fireEvent.input(within(editor).getByLabelText('Contexte : d’où vient la question'), {
      target: { value: 'Accès au local' },
    })
    fireEvent.input(within(editor).getByLabelText('Pourquoi : les raisons'), {
      target: { value: 'Personne sans voiture' },
    })
    const options = within(editor).getByLabelText('Options considérées')
    expect(options).toHaveAccessibleDescription('Une option par ligne.')
    fireEvent.change(options, { target: { value: 'Navette\n\n  Covoiturage ' } })
    fireEvent.click(within(editor).getByRole('button', { name: 'Ajouter un désaccord' }))
    fireEvent.change(within(editor).getByLabelText('Désaccord 1'), {
      target: { value: 'Trop cher' },
    })
    fireEvent.change(within(editor).getByLabelText('Raison du désaccord 1'), {
      target: { value: 'Budget' },
    })
    fireEvent.change(within(editor).getByLabelText('Date de révision'), {
      target: { value: '2031-03-01' },
    })
    fireEvent.click(within(editor).getByRole('checkbox', { name: 'Appeler la mairie' }))
    fireEvent.click(within(editor).getByRole('checkbox', { name: 'Transport' }))
    expect(decision()).toMatchObject({
      context: 'Accès au local',
      rationale: 'Personne sans voiture',
      options: ['Navette', 'Covoiturage'],
      dissent: [{ text: 'Trop cher', reason: 'Budget' }],
      reviewDate: '2031-03-01',
      links: { actions: [action], notes: [note] },
    })

    // Unchecking removes the link; an emptied date clears the review.
    fireEvent.click(within(editor).getByRole('checkbox', { name: 'Appeler la mairie' }))
    fireEvent.change(within(editor).getByLabelText('Date de révision'), { target: { value: '' } })
    expect(decision()).toMatchObject({ reviewDate: null, links: { actions: [], notes: [note] } })
  })
})

describe('versions and exports', () => {
  const versions = [
    {
      id: 'v1',
      name: 'Adopté par le comité le 3 mai',
      author: 'Nadia',
      authorRole: 'participant',
      createdAt: Date.UTC(2025, 4, 3),
      size: 2048,
    },
  ]
  const none = { added: [], removed: [], changed: [] }
  const diff: VersionDiff = {
    documents: [
      {
        id: 'doc1',
        title: 'Plan écrit',
        status: 'changed',
        added: ['Navette le samedi'],
        removed: [],
      },
    ],
    plan: {
      sections: none,
      actions: none,
      questions: { ...none, added: [{ id: 'q1', label: 'Qui conduit?' }] },
      text: [],
    },
    charters: none,
    canvases: [
      {
        canvasId: 'c1',
        title: 'Modèle',
        status: 'changed',
        added: [{ id: 'n2', kind: 'note', text: 'Navette' }],
        removed: [{ id: 'n3', kind: 'note', text: 'Taxi' }],
        changed: [
          {
            id: 'n1',
            kind: 'note',
            text: 'Transport adapté',
            before: 'Transport',
            changes: ['text', 'position'],
          },
        ],
      },
    ],
    decisions: {
      added: [],
      removed: [],
      changed: [
        {
          id: 'd1',
          title: 'Ouvrir le samedi',
          from: 'proposed',
          to: 'adopted',
          edited: ['rationale'],
        },
      ],
    },
  }

  it('lists versions and renders the diff from the server', async () => {
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        calls.push(input)
        const body = input.includes('/versions/diff') ? diff : versions
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        })
      }),
    )
    renderArea(buildDoc(), { tab: 'versions' })
    expect(
      await screen.findByRole(
        'rowheader',
        { name: 'Adopté par le comité le 3 mai' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('cell', { name: '2 Ko' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Comparer' }))
    expect(
      await screen.findByText(
        'Changements de « Adopté par le comité le 3 mai » à « Aujourd’hui (version en cours) »',
      ),
    ).toBeInTheDocument()
    expect(calls.some((url) => url.endsWith('/versions/diff?from=v1&to=current'))).toBe(true)
    expect(screen.getByText('Navette')).toBeInTheDocument()
    expect(screen.getByText('Taxi').closest('del')).not.toBeNull()
    expect(screen.getByText('avant : « Transport »')).toBeInTheDocument()
    expect(screen.getByText('ajouté : Navette le samedi')).toBeInTheDocument()
    expect(screen.getByText('Ajouté : Qui conduit?')).toBeInTheDocument()
    expect(screen.getByText('ce qui a changé : texte, position')).toBeInTheDocument()
    expect(screen.getByText(/« Ouvrir le samedi » : Proposée → Adoptée/)).toHaveTextContent(
      '« Ouvrir le samedi » : modifiée (raisons)',
    )
  })

  it('after the end, says so and offers a participant no change: no version to name, no import', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(versions)),
    )
    renderArea(buildDoc(), { tab: 'versions', ended: true, writable: false })
    await screen.findByRole(
      'rowheader',
      { name: 'Adopté par le comité le 3 mai' },
      { timeout: 15_000 },
    )
    expect(
      screen.getByText(
        'La séance est terminée : vous pouvez relire et exporter les documents, les chartes et le plan, mais plus les modifier jusqu’à la prochaine séance.',
      ),
    ).toBeInTheDocument()
    expect(screen.queryByText(/Connexion à l’atelier/)).toBeNull()
    expect(screen.queryByRole('button', { name: 'Nommer cette version' })).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Importer une archive' })).toBeNull()
    // Exports stay: everything can still be taken away.
    expect(screen.getByRole('button', { name: /rapport/i })).toBeInTheDocument()
  }, 30_000)

  it('offers importing an archive to the facilitator only', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(versions)),
    )
    const participant = renderArea(buildDoc(), { tab: 'versions' })
    await screen.findByRole(
      'rowheader',
      { name: 'Adopté par le comité le 3 mai' },
      { timeout: 15_000 },
    )
    expect(screen.getByRole('button', { name: 'Nommer cette version' })).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Importer une archive' })).toBeNull()
    participant.unmount()
    renderArea(buildDoc(), { tab: 'versions', role: 'facilitator' })
    expect(
      await screen.findByRole('heading', { name: 'Importer une archive' }, { timeout: 15_000 }),
    ).toBeInTheDocument()
  }, 30_000)

  it('downloads and opens the report through a ticket: no link holds the token', async () => {
    const asked: Array<{ url: string; init: RequestInit | undefined }> = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string, init?: RequestInit) => {
        if (!input.endsWith('/tickets')) return Response.json([])
        asked.push({ url: input, init })
        const { purpose } = JSON.parse(String(init?.body)) as { purpose: string }
        if (purpose === 'export') return Response.json({ error: 'nope' }, { status: 429 })
        const url = `/api/workshops/w1/${purpose}?ticket=t-${purpose}`
        return Response.json({ ticket: `t-${purpose}`, expiresAt: 1, url }, { status: 201 })
      }),
    )
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(`${this.getAttribute('href')} download=${this.hasAttribute('download')}`)
    })
    const tab = { opener: window as unknown, location: { href: '' }, close: vi.fn() }
    const open = vi.fn(() => tab)
    vi.stubGlobal('open', open)
    renderArea(buildDoc(), { tab: 'versions' })
    const exports = await screen.findByRole('region', { name: 'Exporter' }, { timeout: 5000 })

    fireEvent.click(
      within(exports).getByRole('button', { name: 'Journal des décisions (tableur CSV)' }),
    )
    await waitFor(() =>
      expect(saved).toEqual([
        '/api/workshops/w1/decisions.csv?ticket=t-decisions.csv download=true',
      ]),
    )
    expect(asked[0]?.url).toBe('/api/workshops/w1/tickets')
    expect(asked[0]?.init).toMatchObject({
      method: 'POST',
      headers: { Authorization: 'Bearer tok' },
      body: JSON.stringify({ purpose: 'decisions.csv' }),
    })

    // The report's tab opens with the click (no pop-up blocker), then goes to its ticket.
    fireEvent.click(
      within(exports).getByRole('button', { name: 'Rapport à imprimer (nouvel onglet)' }),
    )
    expect(open).toHaveBeenCalledWith('', '_blank')
    expect(tab.opener).toBeNull()
    await waitFor(() => expect(tab.location.href).toBe('/api/workshops/w1/report?ticket=t-report'))

    fireEvent.click(within(exports).getByRole('button', { name: 'Archive complète de l’atelier' }))
    expect(await within(exports).findByRole('alert')).toHaveTextContent(
      'Le téléchargement n’a pas fonctionné : nope',
    )
    open.mockReturnValue(null as never)
    fireEvent.click(
      within(exports).getByRole('button', { name: 'Rapport à imprimer (nouvel onglet)' }),
    )
    expect(await within(exports).findByRole('alert')).toHaveTextContent(
      'Le navigateur a bloqué le nouvel onglet du rapport',
    )
    expect(saved).toHaveLength(1)
    for (const element of document.querySelectorAll('[href]'))
      expect(element.getAttribute('href')).not.toContain('tok')
  })

  it('names a version proving who names it: the author is the server’s to say', async () => {
    const posted: Array<{ body: unknown; headers: Record<string, string> }> = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_input: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push({
            body: JSON.parse(String(init.body)),
            headers: init.headers as Record<string, string>,
          })
          return new Response(JSON.stringify({ ...versions[0], id: 'v2' }), { status: 201 })
        }
        return new Response(JSON.stringify(versions), { status: 200 })
      }),
    )
    renderArea(buildDoc(), { tab: 'versions' })
    fireEvent.input(await screen.findByLabelText('Nom de la version', {}, { timeout: 5000 }), {
      target: { value: 'Avant l’été' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Nommer cette version' }))
    await waitFor(() => expect(posted).toHaveLength(1))
    expect(posted[0]?.body).toEqual({ name: 'Avant l’été' })
    expect(posted[0]?.headers).toMatchObject({
      'x-fabrique-participant': myCredentials.participantId,
      'x-fabrique-secret': myCredentials.secret,
    })
  })

  it('shows the author the server names, or the role of a link that proved nobody', async () => {
    const made = (id: string, author: string, authorRole?: string) => ({
      ...versions[0],
      id,
      name: `Version ${id}`,
      author,
      authorRole,
    })
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify([
              made('a', 'Nadia', 'participant'),
              made('b', '', 'facilitator'),
              made('c', '', 'participant'),
              made('d', ''),
            ]),
            { status: 200 },
          ),
      ),
    )
    renderArea(buildDoc(), { tab: 'versions' })
    const authorOf = async (id: string) =>
      within(
        (
          await screen.findByRole('rowheader', { name: `Version ${id}` }, { timeout: 5000 })
        ).closest('tr') as HTMLElement,
      ).getAllByRole('cell')[1]?.textContent
    expect(await authorOf('a')).toBe('Nadia')
    expect(await authorOf('b')).toBe('Animateur·rice')
    expect(await authorOf('c')).toBe('Participant·e')
    expect(await authorOf('d')).toBe('—')
  })
})
