import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { TEMPLATES_DIR } from '../../server/app.ts'
import { TemplateCatalog } from '../../server/templates/TemplateCatalog.ts'
import {
  addAction,
  addCharterItem,
  addQuestion,
  addSection,
  createCharter,
  createDocument,
  documentBody,
  fragmentSections,
  fragmentToHtml,
  listCharters,
  listDocuments,
  readPlainText,
  readPlan,
  setCharterItemStatus,
  setPosition,
  setQuestion,
  setSectionStatus,
  updateAction,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'
const fresh = () => newWorkshop().doc

describe('documents', () => {
  it('keeps headings, lists and paragraphs written as plain text, in Tiptap’s format', () => {
    const doc = fresh()
    const id = createDocument(
      doc,
      { title: 'Plan', text: '# Où en sommes-nous?\n\nUn comité.\n- Financement\n- Évaluation' },
      O,
    )
    const body = documentBody(doc, id)
    expect(body?.toArray().map((node) => (node as Y.XmlElement).nodeName)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
    ])
    expect(readPlainText(body as Y.XmlFragment)).toBe(
      'Où en sommes-nous?\nUn comité.\n- Financement\n- Évaluation',
    )
    expect(listDocuments(doc).map((d) => d.title)).toEqual(['Plan'])
  })

  it('exports sanitised HTML: text escaped, unknown nodes and unsafe links dropped', () => {
    const doc = fresh()
    const id = createDocument(doc, { title: 'D', text: '<script>alert(1)</script>' }, O)
    const body = documentBody(doc, id) as Y.XmlFragment
    const p = new Y.XmlElement('paragraph')
    const link = new Y.XmlText()
    p.insert(0, [link])
    const evil = new Y.XmlElement('script')
    evil.insert(0, [new Y.XmlText('steal()')])
    body.insert(body.length, [p, evil])
    link.insert(0, 'clic', { link: { href: 'javascript:alert(1)' } })
    link.insert(4, ' ok', { link: { href: 'https://ceppp.ca' }, bold: true })
    const html = fragmentToHtml(body)
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(html).toContain(
      '<p>clic<a href="https://ceppp.ca" rel="noopener noreferrer"><strong> ok</strong></a></p>',
    )
    expect(html).not.toMatch(/<script|javascript:/)
  })

  it('cuts a document at its top headings, for a projector to show one section at a time', () => {
    const doc = fresh()
    const text =
      'Avant tout\n# Où en sommes-nous?\n- Un\n## Détail\nTexte\n# Prochains pas\n- <b>Deux</b>'
    const body = documentBody(doc, createDocument(doc, { title: 'Plan', text }, O)) as Y.XmlFragment
    expect(fragmentSections(body)).toEqual([
      { title: '', html: '<p>Avant tout</p>' },
      {
        title: 'Où en sommes-nous?',
        html: '<h1>Où en sommes-nous?</h1>\n<ul><li><p>Un</p></li></ul>\n<h2>Détail</h2>\n<p>Texte</p>',
      },
      {
        title: 'Prochains pas',
        html: '<h1>Prochains pas</h1>\n<ul><li><p>&lt;b&gt;Deux&lt;/b&gt;</p></li></ul>',
      },
    ])
    expect(fragmentSections(new Y.Doc().getXmlFragment('empty'))).toEqual([])
  })
})

describe('role charters', () => {
  it('counts where people stand by partner group', () => {
    const doc = fresh()
    upsertParticipant(doc, { id: 'patient-1', name: 'Ana', group: 'patient' }, O)
    upsertParticipant(doc, { id: 'citizen-1', name: 'Ben', group: 'citizen' }, O)
    const charter = createCharter(
      doc,
      { role: 'patient', title: 'Patient partenaire', items: [{ text: 'Évaluation des besoins' }] },
      O,
    )
    const item = listCharters(doc)[0]?.items[0]?.id ?? ''
    addCharterItem(doc, charter, { text: 'Limite : pas de soins', kind: 'limit' }, O)
    setPosition(doc, charter, item, 'patient-1', 'agree', O)
    setPosition(doc, charter, item, 'citizen-1', 'object', O)
    setCharterItemStatus(doc, charter, item, 'agreed', O)
    const [read] = listCharters(doc)
    expect(read?.items.map((i) => [i.text, i.kind, i.status])).toEqual([
      ['Évaluation des besoins', 'responsibility', 'agreed'],
      ['Limite : pas de soins', 'limit', 'to-discuss'],
    ])
    expect(read?.items[0]?.positions.patient).toEqual({ agree: 1, discuss: 0, object: 0 })
    expect(read?.items[0]?.positions.citizen).toEqual({ agree: 0, discuss: 0, object: 1 })
    setPosition(doc, charter, item, 'citizen-1', null, O)
    expect(listCharters(doc)[0]?.items[0]?.positions.citizen.object).toBe(0)
  })

  it('are seeded from the Charte des rôles template with the seed’s responsibilities', async () => {
    const catalog = await TemplateCatalog.load(TEMPLATES_DIR)
    const { doc } = newWorkshop({ templateId: 'charte-des-roles' }, catalog.get('charte-des-roles'))
    const charters = listCharters(doc)
    expect(charters.map((c) => c.role).sort()).toEqual(['citizen', 'clinician', 'patient'])
    const texts = charters.flatMap((c) => c.items.map((i) => i.text)).join('\n')
    expect(texts).toMatch(/complémenter plutôt que substituer/i)
    const plan = await TemplateCatalog.load(TEMPLATES_DIR)
    const { doc: planDoc } = newWorkshop(
      { templateId: 'plan-ouvert', locale: 'en' },
      plan.get('plan-ouvert'),
    )
    expect(readPlan(planDoc).sections.length).toBeGreaterThan(0)
  })
})

describe('the open plan', () => {
  it('holds sections with a status, actions with owner and due date, and open questions', () => {
    const doc = fresh()
    const section = addSection(
      doc,
      { title: 'Prochains pas', text: 'Recruter des patients partenaires' },
      O,
    )
    setSectionStatus(doc, section, 'in-progress', O)
    const action = addAction(
      doc,
      { title: 'Rencontrer la CDC', owner: 'Julie', due: '2027-01-15', sectionId: section },
      O,
      5,
    )
    updateAction(doc, action, { status: 'doing' }, O)
    const question = addQuestion(
      doc,
      { text: 'Qui finance la deuxième année?', sectionId: section },
      O,
    )
    setQuestion(doc, question, { status: 'answered' }, O)
    expect(readPlan(doc)).toMatchObject({
      sections: [{ id: section, title: 'Prochains pas', status: 'in-progress' }],
      actions: [
        {
          id: action,
          owner: 'Julie',
          due: '2027-01-15',
          status: 'doing',
          sectionId: section,
          decisionId: null,
        },
      ],
      questions: [{ id: question, text: 'Qui finance la deuxième année?', status: 'answered' }],
    })
    expect(() => addAction(doc, { title: 'X', due: 'demain' }, O)).toThrow(/YYYY-MM-DD/)
  })
})
