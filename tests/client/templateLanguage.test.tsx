import { screen, waitFor } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { listCharters, setCharterItemText } from '../../shared/schema/index.ts'
import { renderCanvasArea, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import { renderArea } from './documentsHelpers.tsx'

const charterTemplate = shippedTemplate('charte-des-roles')
/** A template that seeds a document. */
const documentTemplate = shippedTemplate('ronde-de-consentement')
/** A workshop created in French from a shipped template. */
const createdInFrench = (template: typeof charterTemplate) =>
  newWorkshop({ templateId: template.id, locale: 'fr' }, template).doc

describe("a template's titles, for a viewer reading another language than the workshop's", () => {
  withoutCanvas2d()

  it('the canvas tabs are in their language, and follow the language switch', async () => {
    const canvas = charterTemplate.content.canvases[0]
    const { i18n } = renderCanvasArea(createdInFrench(charterTemplate), { locale: 'en' })
    expect(await screen.findByRole('tab', { name: canvas?.title.en })).toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: canvas?.title.fr })).toBeNull()
    i18n.setLocale('fr')
    expect(await screen.findByRole('tab', { name: canvas?.title.fr })).toBeInTheDocument()
  })

  it('the charters and their items are in their language, until someone edits an item', async () => {
    const doc = createdInFrench(charterTemplate)
    const [charter] = charterTemplate.content.charters
    renderArea(doc, { tab: 'charters', locale: 'en' })
    expect(
      await screen.findByRole('heading', { level: 3, name: charter?.title.en }, { timeout: 5000 }),
    ).toBeInTheDocument()
    const field = screen.getByLabelText('Text — Responsibility 1')
    expect(field).toHaveValue(charter?.items[0]?.text.en)

    const [stored] = listCharters(doc)
    setCharterItemText(
      doc,
      stored?.id ?? '',
      stored?.items[0]?.id ?? '',
      'Soigner, ensemble',
      'someone',
    )
    await waitFor(() => expect(field).toHaveValue('Soigner, ensemble'))
  })

  it("a template's document title is in their language", async () => {
    const [document] = documentTemplate.content.documents
    renderArea(createdInFrench(documentTemplate), { tab: 'documents', locale: 'en' })
    expect(
      await screen.findByRole('heading', { level: 3, name: document?.title.en }, { timeout: 5000 }),
    ).toBeInTheDocument()
  })
})
