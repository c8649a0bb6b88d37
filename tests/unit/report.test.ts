import { describe, expect, it } from 'vitest'
import { workshopReport } from '../../shared/export/report.ts'
import {
  addAction,
  addBox,
  createDecision,
  decisionFromVote,
  initFlow,
} from '../../shared/schema/index.ts'
import { tally } from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'
const NBSP = '\u00a0'
const NNBSP = '\u202f'

const vote: TemplatePhase = {
  id: 'vote-des-priorites',
  title: { fr: 'Vote des priorités', en: 'Priority vote' },
  instructions: { fr: 'Votez.', en: 'Vote.' },
  allow: { write: false, move: false, vote: true, seeOthers: true },
  vote: { kind: 'dots', budget: 3, perItemCap: 3, hidden: true },
}

describe('the printable report, for its reader', () => {
  it('names votes by their step, writes days in the reader’s language and French typography', () => {
    const { doc, canvasId } = newWorkshop()
    initFlow(doc, [vote], O)
    const idea = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Navette' }, O)
    const result = tally(
      vote.vote ?? { kind: 'dots', budget: 3, perItemCap: 3, hidden: true },
      Array.from({ length: 3 }, () => ({
        group: 'patient' as const,
        ballot: { kind: 'dots' as const, dots: new Map([[idea, 1]]) },
      })),
      true,
    )
    const id = createDecision(
      doc,
      {
        ...decisionFromVote(result, { phaseId: vote.id, title: 'Nos priorités' }),
        reviewDate: '2027-03-01',
      },
      O,
    )
    expect(id).not.toBe('')
    addAction(doc, { title: 'Appeler la CDC', due: '2027-04-01' }, O)
    const html = workshopReport(doc, { locale: 'fr', now: new Date(2027, 2, 1, 12).getTime() })
    expect(html).toContain('Produit le 1er mars 2027')
    expect(html).toContain(
      `Vote des priorités (vote par points, 3 personnes ont voté)${NBSP}: «${NNBSP}Navette${NNBSP}» 3`,
    )
    expect(html).not.toContain(`${idea}=`)
    expect(html).toContain(
      `Participation par groupe de partenaires${NBSP}: Patients partenaires${NBSP}: 3`,
    )
    expect(html).toContain('À revoir le 1er mars 2027')
    expect(html).toContain('<td>1er avril 2027</td>')
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/)

    const english = workshopReport(doc, { locale: 'en', now: new Date(2027, 2, 1, 12).getTime() })
    expect(english).toContain('Produced on March 1, 2027')
    expect(english).toContain('Priority vote (dot vote, 3 people voted): “Navette” 3')
  })
})
