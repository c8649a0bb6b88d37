import { screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { ProjectorView } from '../../client/features/projector/ProjectorPage.tsx'
import { StepCard } from '../../client/features/workspace/StepCard.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import { goToPhase, readFlow, startWorkshop } from '../../shared/schema/index.ts'
import { tally, writeResult } from '../../shared/schema/votes.ts'
import { fakeLinks, fakeSession } from '../helpers/fakeWorkshop.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

/**
 * « Charte des rôles », step 10 (« Regardons les niveaux d’accord… »): the step card and the
 * projector's stage show the results of the three charters' votes, not only the canvas the
 * step writes on.
 */

const template = shippedTemplate('charte-des-roles')
const VOTES = [
  'Notre accord : cliniciens partenaires',
  'Notre accord : patients partenaires',
  'Notre accord : citoyens partenaires',
]

/** The workshop at « Ce qui reste à travailler », its three votes closed and published. */
const atStepTen = () => {
  const { doc } = newWorkshop({ templateId: template.id }, template)
  startWorkshop(doc, 'test')
  const groups = ['patient', 'patient', 'patient', 'citizen', 'citizen', 'citizen'] as const
  for (const phase of readFlow(doc).phases) {
    if (!phase.vote) continue
    const ballots = groups.map((group, i) => ({
      group,
      ballot: { kind: 'gradient' as const, value: 1 + (i % 3) },
    }))
    writeResult(doc, phase.id, tally(phase.vote, ballots, true), 'server')
  }
  goToPhase(
    doc,
    readFlow(doc).phases.findIndex((phase) => phase.id === 'suite'),
    'test',
  )
  return doc
}

/** The names of the results shown open in `area` (not folded away among earlier steps'). */
const shownResults = async (area: HTMLElement) => {
  const regions = await within(area).findAllByRole(
    'region',
    { name: /^Résultats du vote — / },
    { timeout: 5000 }, // VoteResults is lazy: its module loads on first use
  )
  return regions
    .filter((region) => !region.closest('details:not([open])'))
    .map(
      (region) =>
        document.getElementById(region.getAttribute('aria-labelledby') ?? '')?.textContent,
    )
}

const EXPECTED = VOTES.map((vote) => `Résultats du vote — ${vote}`)

describe('a step that looks at earlier votes', () => {
  it('shows their results open in the step card', async () => {
    const doc = atStepTen()
    renderWithI18n(() => (
      <StepCard
        id="card"
        doc={doc}
        flow={createFlow(doc)}
        open
        onClose={() => {}}
        onOpenFocus={() => {}}
      />
    ))
    await screen.findByRole('heading', { name: /Ce qui reste à travailler/ })
    const card = document.getElementById('card') as HTMLElement
    expect(await shownResults(card)).toEqual(EXPECTED)
  }, 15_000)

  it('shows their results on the projector’s stage, not the canvas', async () => {
    const doc = atStepTen()
    renderWithI18n(() => (
      <ProjectorView
        doc={doc}
        session={fakeSession(fakeLinks(template.id), 'observer')}
        joinUrl={null}
      />
    ))
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await waitFor(async () => expect(await shownResults(stage)).toEqual(EXPECTED), {
      timeout: 5000,
    })
    expect(within(stage).queryByText(template.content.canvases[0]?.title.fr ?? '')).toBeNull()
  }, 15_000)
})
