import { screen, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { VoteResults } from '../../client/features/flow/VoteResults.tsx'
import { addBox } from '../../shared/schema/index.ts'
import type { VoteResult } from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { makeDoc, ORIGIN, phases } from './flowFixtures.ts'
import { renderWithI18n } from './helpers.tsx'

describe('VoteResults', () => {
  const folded = (doc: Y.Doc): VoteResult => {
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    return {
      kind: 'dots',
      closed: true,
      voters: 5,
      groups: { shown: ['clinician'], folded: ['patient', 'citizen'] },
      items: { [a]: { total: 5, byGroup: { clinician: 3 }, otherGroups: 2 } },
    }
  }
  const headers = (region: HTMLElement) =>
    within(within(region).getByRole('table'))
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent)

  it('shows groups of fewer than 3 voters only together, as "other groups", and says why', () => {
    const doc = makeDoc()
    const result = folded(doc)
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    const region = screen.getByRole('region', { name: 'Résultats du vote — Voter' })
    const row = region.querySelector('.vote-results__row') as HTMLElement
    expect(row).toHaveTextContent('5 points — Dont : Clinicien partenaire 3, autres groupes 2')
    const segments = [...row.querySelectorAll('.result-bar__segment')]
    expect(segments.map((segment) => segment.getAttribute('data-group'))).toEqual([
      'clinician',
      'others',
    ])
    expect(segments[1]).toHaveTextContent('2')
    expect(
      within(region).getByText(
        'Autres groupes : Patient partenaire, Citoyen partenaire, comptés ensemble. Un groupe de moins de 3 personnes n’est jamais montré seul, ni par soustraction.',
      ),
    ).toBeInTheDocument()
    expect(headers(region)).toEqual(['Idée', 'Clinicien partenaire', 'Autres groupes', 'Total'])
    expect(
      within(within(region).getByRole('row', { name: /Transport/ }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['3', '2', '5'])
  })

  // A walk-through saw « Vote fermé … Aucun vote pour l’instant » on a closed vote.
  it('says nobody voted on a closed vote nobody voted in, not "for now"', () => {
    const doc = makeDoc()
    const result: VoteResult = {
      kind: 'dots',
      closed: true,
      voters: 0,
      groups: { shown: [], folded: [] },
      items: {},
    }
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    expect(screen.getByText('Personne n’a voté.')).toBeInTheDocument()
    expect(screen.queryByText(/pour l’instant/)).toBeNull()
  })

  it('says plainly, in English too, when no breakdown by group can be shown', () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    const result: VoteResult = {
      kind: 'dots',
      closed: true,
      voters: 5,
      groups: { shown: [], folded: ['patient', 'clinician'] },
      items: { [a]: { total: 5, byGroup: {}, otherGroups: 5 } },
    }
    renderWithI18n(
      () => <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />,
      'en',
    )
    const region = screen.getByRole('region', { name: 'Vote results — Vote' })
    expect(
      within(region).getByText(
        'No breakdown by partner group: it would show a group of fewer than 3 people, on its own or by subtraction.',
      ),
    ).toBeInTheDocument()
    const row = region.querySelector('.vote-results__row') as HTMLElement
    expect(row).toHaveTextContent('5 dots')
    expect(row).not.toHaveTextContent('Of which')
    expect(row.querySelectorAll('.result-bar__segment[data-group="patient"]')).toHaveLength(0)
    expect(headers(region)).toEqual(['Idea', 'Total'])
  })

  it('names the folded groups in English', () => {
    const doc = makeDoc()
    const result = folded(doc)
    renderWithI18n(
      () => <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />,
      'en',
    )
    expect(document.querySelector('.vote-results__row')).toHaveTextContent(
      'Of which: Clinician partner 3, other groups 2',
    )
    expect(
      screen.getByText(
        'Other groups: Patient partner, Citizen partner, counted together. A group of fewer than 3 people is never shown on its own, not even by subtraction.',
      ),
    ).toBeInTheDocument()
  })

  it('says that live totals come without a breakdown by group', () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    const result: VoteResult = {
      kind: 'dots',
      closed: false,
      voters: 3,
      groups: null,
      items: { [a]: { total: 3, byGroup: {}, otherGroups: 3 } },
    }
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    expect(
      screen.getByText(
        'En direct : mis à jour à intervalles réguliers, quand au moins 3 votes ont changé. La répartition par groupe vient à la fermeture du vote.',
      ),
    ).toBeInTheDocument()
    expect(document.querySelector('.vote-results__row')).not.toHaveTextContent('Dont')
  })

  it('dots: a bar per idea, most dots first, split by partner group, with a table', () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    const b = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Isolement' }, ORIGIN)
    const result: VoteResult = {
      kind: 'dots',
      closed: true,
      voters: 9,
      groups: { shown: ['patient', 'citizen', 'clinician'], folded: [] },
      items: {
        [a]: { total: 3, byGroup: { patient: 1, citizen: 0, clinician: 2 }, otherGroups: 0 },
        [b]: { total: 7, byGroup: { patient: 4, citizen: 2, clinician: 1 }, otherGroups: 0 },
        gone: { total: 1, byGroup: { patient: 0, citizen: 0, clinician: 1 }, otherGroups: 0 },
      },
    }
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    const region = screen.getByRole('region', { name: 'Résultats du vote — Voter' })
    expect(within(region).getByText('Vote fermé')).toBeInTheDocument()
    expect(within(region).getByText('9 personnes ont voté')).toBeInTheDocument()
    const rows = within(region)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('vote-results__row'))
    expect(rows.map((row) => row.querySelector('.vote-results__label')?.textContent)).toEqual([
      'Isolement',
      'Transport',
      'Élément supprimé',
    ])
    expect(rows[0]).toHaveTextContent('7 points')
    expect(rows[0]).toHaveTextContent(
      'Dont : Patient partenaire 4, Citoyen partenaire 2, Clinicien partenaire 1',
    )
    expect(rows[2]).toHaveTextContent('1 point')
    const table = within(region).getByRole('table', { name: 'Résultats par groupe de partenaires' })
    const isolement = within(table).getByRole('row', { name: /Isolement/ })
    expect(
      within(isolement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['4', '2', '1', '7'])
  })

  it('gradient: every point of the Kaner scale with its label and count', () => {
    const doc = makeDoc()
    const phase: TemplatePhase = {
      ...(phases[2] as TemplatePhase),
      vote: {
        kind: 'gradient',
        scale: 'kaner',
        proposal: { fr: 'Ouvrir le samedi', en: 'Open on Saturdays' },
        hidden: false,
      },
    }
    const result: VoteResult = {
      kind: 'gradient',
      closed: true,
      voters: 6,
      scale: 'kaner',
      counts: [5, 0, 0, 0, 0, 0, 0, 1],
      groups: { shown: ['patient', 'citizen'], folded: [] },
      byGroup: {
        patient: [2, 0, 0, 0, 0, 0, 0, 1],
        citizen: [3, 0, 0, 0, 0, 0, 0, 0],
      },
      otherGroups: [0, 0, 0, 0, 0, 0, 0, 0],
    }
    renderWithI18n(() => <VoteResults doc={doc} phase={phase} result={result} />)
    expect(screen.getByText('Vote fermé')).toBeInTheDocument()
    expect(screen.getByText('Proposition : « Ouvrir le samedi »')).toBeInTheDocument()
    const labels = [...document.querySelectorAll('.vote-results__label')].map(
      (el) => el.textContent,
    )
    expect(labels).toHaveLength(8)
    expect(labels[0]).toBe('1. Approbation totale')
    expect(labels[3]).toBe('4. Abstention / je peux vivre avec')
    expect(labels[7]).toBe('8. Opposition / veto')
    const rows = document.querySelectorAll('.vote-results__row')
    expect(rows[0]).toHaveTextContent('5 personnes')
    expect(rows[0]).toHaveTextContent('Dont : Patient partenaire 2, Citoyen partenaire 3')
    expect(rows[7]).toHaveTextContent('1 personne')
  })

  it('gradient: the five-point scale in English', () => {
    const doc = makeDoc()
    const phase: TemplatePhase = {
      ...(phases[2] as TemplatePhase),
      vote: { kind: 'gradient', scale: 'five', proposal: { fr: 'P', en: 'P' }, hidden: true },
    }
    const result: VoteResult = {
      kind: 'gradient',
      closed: true,
      voters: 1,
      scale: 'five',
      counts: [0, 0, 0, 0, 1],
      groups: { shown: [], folded: ['patient'] },
      byGroup: {},
      otherGroups: [0, 0, 0, 0, 1],
    }
    renderWithI18n(() => <VoteResults doc={doc} phase={phase} result={result} />, 'en')
    const labels = [...document.querySelectorAll('.vote-results__label')].map(
      (el) => el.textContent,
    )
    expect(labels).toEqual([
      '1. Strongly disagree',
      '2. Somewhat disagree',
      '3. Neither agree nor disagree',
      '4. Somewhat agree',
      '5. Strongly agree',
    ])
    // With no group shown on its own, the bar takes its point's colour (agreement is green,
    // disagreement red), and the label stays beside it.
    const tones = [...document.querySelectorAll('.vote-results__row')].map((row) =>
      row.getAttribute('data-tone'),
    )
    expect(tones).toEqual(['8', '7', '4', '2', '1'])
    const bar = document.querySelector('[data-key="5"] .result-bar__segment')
    expect(bar).toHaveAttribute('data-tone', '1')
  })

  it('consent: counts by answer and the reasons, without names', () => {
    const doc = makeDoc()
    const phase: TemplatePhase = {
      ...(phases[2] as TemplatePhase),
      vote: { kind: 'consent', proposal: { fr: 'Adopter la charte', en: 'Adopt' }, hidden: true },
    }
    const result: VoteResult = {
      kind: 'consent',
      closed: true,
      voters: 6,
      counts: { consent: 3, concern: 2, objection: 1 },
      groups: { shown: ['patient', 'citizen'], folded: [] },
      byGroup: {
        patient: { consent: 2, concern: 0, objection: 1 },
        citizen: { consent: 1, concern: 2, objection: 0 },
      },
      otherGroups: { consent: 0, concern: 0, objection: 0 },
      reasons: [
        { value: 'concern', reason: 'Le transport n’est pas prévu' },
        { value: 'objection', reason: 'Les patients n’ont pas été consultés' },
      ],
    }
    renderWithI18n(() => <VoteResults doc={doc} phase={phase} result={result} />)
    const rows = document.querySelectorAll('.vote-results__row')
    expect(rows[0]).toHaveTextContent('Consentement')
    expect(rows[0]).toHaveTextContent('3 personnes')
    expect(rows[2]).toHaveTextContent('Objection')
    expect(rows[2]).toHaveTextContent('Dont : Patient partenaire 1')
    expect(
      screen.getByRole('heading', { name: 'Raisons données (sans les noms)' }),
    ).toBeInTheDocument()
    expect(screen.getByText('Les patients n’ont pas été consultés')).toBeInTheDocument()
    expect(screen.getByText('Le transport n’est pas prévu')).toBeInTheDocument()
  })
})
