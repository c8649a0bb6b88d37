import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES_DIR } from '../../server/app.ts'
import { parseTemplate, TemplateCatalog } from '../../server/templates/TemplateCatalog.ts'
import type { WorkshopTemplate } from '../../shared/template.ts'

/**
 * The templates shipped in `templates/`: the seed's own work (intervention model, role
 * charters, open plan, participatory evaluation) and classic facilitation methods. These tests
 * keep them loadable, bilingual, faithful to the seed documents and to the methods, and
 * consistent (every phase points at content that exists, frames do not overlap).
 */

const SEED_IDS = [
  'modeliser-intervention',
  'charte-des-roles',
  'plan-ouvert',
  'evaluation-participative',
]
const METHOD_IDS = [
  'un-deux-quatre-tous',
  'groupe-nominal',
  'world-cafe',
  'triz',
  'quoi-et-alors-maintenant',
  'ronde-de-consentement',
]
const ALL_IDS = ['atelier-libre', ...SEED_IDS, ...METHOD_IDS]

/** Seed notes stack down a frame: 2 grid cells of padding, then 160 px notes 20 px apart. */
const NOTE_STEP = 180
const FRAME_PADDING = 40

let catalog: TemplateCatalog
const template = (id: string): WorkshopTemplate => {
  const found = catalog.get(id)
  if (!found) throw new Error(`template ${id} is missing`)
  return found
}
/** The element at `index`, which the test expects to exist. */
const at = <T>(list: readonly T[], index: number): T => {
  const found = list[index]
  if (found === undefined) throw new Error(`nothing at index ${index}`)
  return found
}
const raw = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(TEMPLATES_DIR, `${id}.json`), 'utf8'))

/** Every `{ fr, en }` object anywhere in a value, with where it is. */
const localizedTexts = (value: unknown, at = ''): { at: string; fr: unknown; en: unknown }[] => {
  if (Array.isArray(value)) return value.flatMap((item, i) => localizedTexts(item, `${at}.${i}`))
  if (value === null || typeof value !== 'object') return []
  const record = value as Record<string, unknown>
  if ('fr' in record || 'en' in record) return [{ at, fr: record.fr, en: record.en }]
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${at}.${key}`))
}

const frameTitles = (t: WorkshopTemplate, canvas: string) =>
  t.content.canvases.find((c) => c.id === canvas)?.frames.map((f) => f.title.fr) ?? []

beforeAll(async () => {
  catalog = await TemplateCatalog.load(TEMPLATES_DIR)
})

describe('shipped templates', () => {
  it('ships the seed templates, the classic methods and the open workshop', () => {
    const ids = catalog.list().map((summary) => summary.id)
    for (const id of ALL_IDS) expect(ids).toContain(id)
    for (const id of SEED_IDS) expect(template(id).tags).toContain('semences')
    for (const id of METHOD_IDS) expect(template(id).tags).toContain('méthode classique')
  })

  it('gives every text in French and in English', () => {
    for (const id of ALL_IDS) {
      const texts = localizedTexts(raw(id))
      expect(texts.length).toBeGreaterThan(3)
      for (const { at, fr, en } of texts) {
        expect(typeof fr, `${id}${at}.fr`).toBe('string')
        expect(typeof en, `${id}${at}.en`).toBe('string')
        expect((fr as string).trim(), `${id}${at}.fr`).not.toBe('')
        expect((en as string).trim(), `${id}${at}.en`).not.toBe('')
      }
      const t = template(id)
      expect(t.description.fr).not.toBe(t.description.en)
      for (const phase of t.phases) expect(phase.instructions.fr).not.toBe(phase.instructions.en)
    }
  })

  it('writes typographic quotes: ’ and « » (non-breaking spaces inside) in French, ’ and “ ” in English', () => {
    const NBSP = /[\u00a0\u202f]/
    for (const id of ALL_IDS) {
      const file = raw(id)
      const french = [
        ...localizedTexts(file).map(({ at, fr }) => ({ at: `${at}.fr`, text: String(fr) })),
        ...((file.tags as string[] | undefined) ?? []).map((tag, i) => ({
          at: `.tags.${i}`,
          text: tag,
        })),
      ]
      const english = localizedTexts(file).map(({ at, en }) => ({
        at: `${at}.en`,
        text: String(en),
      }))
      for (const { at, text } of [...french, ...english]) {
        expect(text, `${id}${at}: a straight apostrophe or quote`).not.toMatch(/['"]/)
      }
      for (const { at, text } of french) {
        expect(text, `${id}${at}: English quotes in French`).not.toMatch(/[“”]/)
        for (const [i, char] of [...text].entries()) {
          const where = `${id}${at}: ${text.slice(Math.max(0, i - 20), i + 20)}`
          if (char === '«') expect([...text][i + 1] ?? '', where).toMatch(NBSP)
          if (char === '»') expect([...text][i - 1] ?? '', where).toMatch(NBSP)
        }
      }
      for (const { at, text } of english) {
        expect(text, `${id}${at}: French quotes in English`).not.toMatch(/[«»]/)
        const opened = [...text].filter((char) => char === '“').length
        expect([...text].filter((char) => char === '”').length, `${id}${at}`).toBe(opened)
      }
    }
  })

  it('lays the intervention model out as a logic model, with context and risks below', () => {
    const t = template('modeliser-intervention')
    expect(t.content.canvases).toHaveLength(1)
    const canvas = at(t.content.canvases, 0)
    expect(frameTitles(t, canvas.id)).toEqual([
      'Besoins et population',
      'Ressources',
      'Activités',
      'Extrants (réalisations)',
      'Effets à court terme',
      'Effets à long terme',
      'Facteurs de contexte',
      'Risques',
    ])
    const columns = canvas.frames.slice(0, 6)
    // The six columns sit side by side on one row, left to right.
    for (const frame of columns) expect(frame.y).toBe(at(columns, 0).y)
    for (let i = 1; i < columns.length; i++)
      expect(at(columns, i).x).toBeGreaterThan(at(columns, i - 1).x)
    const bottom = Math.max(...columns.map((f) => f.y + f.h))
    for (const frame of canvas.frames.slice(6)) expect(frame.y).toBeGreaterThanOrEqual(bottom)
    const notes = canvas.notes.map((n) => n.text.fr).join('\n')
    expect(notes).toContain('57 % des aînés vivent seuls')
    expect(notes).toContain('50 % des familles sont monoparentales')
    expect(notes).toContain('complémenter plutôt que substituer')
    expect(notes).toContain('≠ référence professionnelle')
    const phases = t.phases
    expect(phases.every((p) => p.focus && 'canvas' in p.focus)).toBe(true)
    expect(phases.some((p) => p.allow.write && !p.allow.seeOthers)).toBe(true)
    expect(phases.some((p) => p.vote?.kind === 'dots')).toBe(true)
  })

  it("keeps the seed's responsibilities in the three role charters", () => {
    const t = template('charte-des-roles')
    const charter = (role: string) => {
      const found = t.content.charters.find((c) => c.role === role)
      expect(found, role).toBeDefined()
      return found?.items.map((item) => item.text.fr) ?? []
    }
    expect(charter('clinician')).toEqual([
      'Prestation de soins et services professionnels (complémenter plutôt que substituer)',
      'Intégration du patient partenaire comme membre de l’équipe de soin',
      'Information et initiation de la relation entre le patient et patient partenaire (≠ référence professionnelle)',
      'Soutien et expertise-conseil entre professionnels, patients partenaires et citoyens partenaires',
    ])
    const patient = charter('patient')
    expect(patient).toHaveLength(3)
    expect(patient[0]).toContain('Évaluation des besoins dans une perspective globale')
    expect(patient[1]).toContain(
      'Référence et soutien à la collaboration avec les professionnels, les proches et citoyens de la communauté',
    )
    expect(patient[2]).toContain('Développement des compétences de soin du patient')
    expect(patient[2]).toContain('auto-gestion')
    const citizen = charter('citizen')
    expect(citizen).toHaveLength(3)
    expect(citizen[0]).toContain('Soutenir l’intégration sociale des patients dans la communauté')
    expect(citizen[1]).toContain('relations d’entraide avec les citoyens de la communauté')
    expect(citizen[2]).toContain(
      'collaboration avec les organismes et ressources communautaires du quartier',
    )
    // One frame per role for new ideas and limits.
    expect(frameTitles(t, 'idees-et-limites')).toHaveLength(3)
    // Each charter is discussed, then agreed with a gradient of agreement.
    for (const { id } of t.content.charters) {
      const phases = t.phases.filter(
        (p) => p.focus && 'charter' in p.focus && p.focus.charter === id,
      )
      expect(phases.some((p) => p.allow.write && !p.vote)).toBe(true)
      const vote = phases.find((p) => p.vote)?.vote
      expect(vote?.kind).toBe('gradient')
      if (vote?.kind === 'gradient') expect(['kaner', 'five']).toContain(vote.scale)
    }
  })

  it('starts the open plan from where the seed says we are, and adopts it by consent', () => {
    const t = template('plan-ouvert')
    expect(frameTitles(t, 'plan')).toEqual([
      'Où en sommes-nous?',
      'Prochains pas',
      'Questions ouvertes',
      'Ce qui change',
    ])
    // The plan is the lab's plan (sections, actions, questions), not a document beside it.
    expect(t.content.documents).toEqual([])
    const plan = t.content.plan
    expect(plan?.sections.map((section) => section.title.fr)).toEqual([
      'Où en sommes-nous?',
      'Traverser la rivière ensemble',
      'Ce qui change',
    ])
    expect(plan?.questions).toHaveLength(1)
    for (const section of plan?.sections ?? []) {
      for (const body of [section.body.fr, section.body.en])
        for (const line of body.split('\n')) expect(line).toMatch(/^- /)
      expect(section.body.en.split('\n')).toHaveLength(section.body.fr.split('\n').length)
    }
    const where = plan?.sections[0]?.body.fr ?? ''
    for (const words of [
      'depuis 18 mois',
      'Engagement des partenaires locaux',
      'Financement de démarrage',
      'Sensibilisation',
      'Structuration d’un comité de pilotage',
      'stratégie d’évaluation',
    ]) {
      expect(where).toContain(words)
      expect(at(t.content.canvases, 0).notes.some((n) => n.text.fr.includes(words))).toBe(true)
    }
    const consent = t.phases.find((p) => p.vote?.kind === 'consent')
    expect(consent?.focus).toEqual({ plan: true })
  })

  it('starts the open plan from what is due: its first step reviews the open actions and the decisions to review', () => {
    const t = template('plan-ouvert')
    const first = at(t.phases, 0)
    expect(first.reviewsDue).toBe(true)
    expect(first.focus).toEqual({ plan: true })
    expect(first.instructions.fr).toContain('décisions')
    expect(first.instructions.en).toContain('decisions')
    // The one step that reviews what is due.
    expect(t.phases.filter((p) => p.reviewsDue)).toHaveLength(1)
  })

  it("asks the participatory evaluation's three questions", () => {
    const t = template('evaluation-participative')
    expect(frameTitles(t, 'facteurs')).toEqual([
      'Facteurs professionnels',
      'Facteurs légaux',
      'Facteurs organisationnels',
      'Facteurs communautaires',
      'Ce qui aide',
      'Ce qui nuit',
    ])
    expect(frameTitles(t, 'effets')).toEqual(
      expect.arrayContaining([
        'Relations de soin et d’entraide',
        'Coopération institutionnelle',
        'Enjeux éthiques et légaux',
        'Risques',
      ]),
    )
    expect(t.content.canvases.map((c) => c.title.fr)).toContain(
      'À quoi ressemble une communauté soignante?',
    )
    expect(t.description.fr).toContain('Apprendre dans l’action')
    expect(t.phases.some((p) => !p.allow.seeOthers)).toBe(true)
  })

  it('follows the classic methods: private writing, timings and votes where they belong', () => {
    const oneTwoFour = template('un-deux-quatre-tous')
    const timebox = (id: string) => oneTwoFour.phases.find((p) => p.id === id)?.timeboxMinutes
    expect([timebox('seul'), timebox('a-deux'), timebox('a-quatre'), timebox('tous')]).toEqual([
      1, 2, 4, 5,
    ])
    expect(oneTwoFour.phases.find((p) => p.id === 'seul')?.allow.seeOthers).toBe(false)

    const nominal = template('groupe-nominal').phases
    const silent = nominal.findIndex((p) => p.allow.write && !p.allow.seeOthers)
    const votes = nominal.flatMap((p, i) => (p.vote?.kind === 'dots' ? [i] : []))
    expect(silent).toBeGreaterThanOrEqual(0)
    expect(votes).toHaveLength(2)
    expect(at(votes, 0)).toBeGreaterThan(silent)
    expect(at(votes, 1) - at(votes, 0)).toBeGreaterThan(1) // a discussion between the two votes

    expect(
      frameTitles(template('world-cafe'), 'cafe').filter((t) => t.startsWith('Table')),
    ).toHaveLength(3)
    expect(at(template('world-cafe').content.documents, 0).body.fr).toContain(
      'Écoutez pour comprendre',
    )
    expect(frameTitles(template('triz'), 'triz')).toHaveLength(3)
    expect(template('quoi-et-alors-maintenant').phases.map((p) => p.title.fr)).toEqual(
      expect.arrayContaining(['Quoi?', 'Et alors?', 'Maintenant?']),
    )
    const consent = template('ronde-de-consentement').phases
    const consentRounds = consent.filter((p) => p.vote?.kind === 'consent')
    expect(consentRounds.length).toBeGreaterThanOrEqual(1)
    for (const round of consentRounds) expect(round.instructions.fr).toMatch(/raison/)
    expect(consent.findIndex((p) => p.id === 'clarification')).toBeLessThan(
      consent.findIndex((p) => p.vote?.kind === 'consent'),
    )
  })

  it('points every phase at content that exists, with coherent permissions and timings', () => {
    for (const id of ALL_IDS) {
      const t = template(id)
      const ids = {
        canvas: t.content.canvases.map((c) => c.id),
        document: t.content.documents.map((d) => d.id),
        charter: t.content.charters.map((c) => c.id),
      }
      let total = 0
      for (const phase of t.phases) {
        const where = `${id} / ${phase.id}`
        if (phase.focus && !('plan' in phase.focus)) {
          const [kind, target] = Object.entries(phase.focus)[0] as [keyof typeof ids, string]
          expect(ids[kind], where).toContain(target)
        }
        const before = t.phases.slice(0, t.phases.indexOf(phase))
        for (const id of phase.results ?? [])
          expect(before.find((p) => p.id === id)?.vote, `${where} / ${id}`).toBeDefined()
        if (phase.vote) expect(phase.allow.vote, where).toBe(true)
        if (phase.allow.vote) expect(phase.vote, where).toBeDefined()
        if (!phase.allow.seeOthers) expect(phase.allow.write, where).toBe(true)
        expect(phase.timeboxMinutes, where).toBeGreaterThan(0)
        total += phase.timeboxMinutes ?? 0
      }
      expect(total, id).toBeLessThanOrEqual(t.durationMinutes)
      if (id !== 'atelier-libre') expect(t.content.canvases.length, id).toBeGreaterThan(0)
    }
  })

  it('lays frames out on the grid without overlap, with room for their seed notes', () => {
    for (const id of ALL_IDS) {
      for (const canvas of template(id).content.canvases) {
        const where = `${id} / ${canvas.id}`
        for (const f of canvas.frames) {
          for (const value of [f.x, f.y, f.w, f.h]) expect(value % 20, `${where} / ${f.id}`).toBe(0)
          const notes = canvas.notes.filter((n) => n.frame === f.id).length
          expect(FRAME_PADDING + notes * NOTE_STEP, `${where} / ${f.id}`).toBeLessThanOrEqual(f.h)
        }
        canvas.frames.forEach((a, i) => {
          for (const b of canvas.frames.slice(i + 1)) {
            const apart =
              a.x + a.w + 40 <= b.x ||
              b.x + b.w + 40 <= a.x ||
              a.y + a.h + 40 <= b.y ||
              b.y + b.h + 40 <= a.y
            expect(apart, `${where}: ${a.id} and ${b.id} overlap`).toBe(true)
          }
        })
      }
    }
  })
})

describe('parseTemplate refuses broken variants of a shipped template', () => {
  const file = 'templates/modeliser-intervention.json'
  // biome-ignore lint/suspicious/noExplicitAny: each case reaches freely into the template's JSON
  const broken = (change: (t: any) => void) => {
    const t = raw('modeliser-intervention')
    change(t)
    return () => parseTemplate(file, JSON.stringify(t))
  }
  const votePhase = () =>
    (raw('modeliser-intervention').phases as { vote?: unknown }[]).findIndex((p) => p.vote)

  it('accepts the template as shipped', () => {
    expect(broken(() => {})().id).toBe('modeliser-intervention')
  })

  it('names a phase focus that points to a missing canvas', () => {
    expect(
      broken((t) => {
        t.phases[2].focus = { canvas: 'absent' }
      }),
    ).toThrow(/templates\/modeliser-intervention\.json: .*phases\.2\.focus\.canvas: .*"absent"/)
  })

  it('names a focus on a missing document or charter', () => {
    expect(
      broken((t) => {
        t.phases[0].focus = { document: 'absent' }
      }),
    ).toThrow(/phases\.0\.focus\.document/)
    expect(
      broken((t) => {
        t.phases[1].focus = { charter: 'absent' }
      }),
    ).toThrow(/phases\.1\.focus\.charter/)
  })

  it('names a note placed in a missing frame', () => {
    expect(
      broken((t) => {
        t.content.canvases[0].notes[0].frame = 'nulle-part'
      }),
    ).toThrow(/modeliser-intervention\.json: .*content\.canvases\.0\.notes\.0\.frame: .*nulle-part/)
  })

  it('names a vote in a phase that does not allow voting', () => {
    const index = votePhase()
    expect(index).toBeGreaterThanOrEqual(0)
    expect(
      broken((t) => {
        t.phases[index].allow.vote = false
      }),
    ).toThrow(new RegExp(`phases\\.${index}\\.allow\\.vote: must be true`))
  })

  it('names a missing English text', () => {
    expect(
      broken((t) => {
        delete t.phases[0].instructions.en
      }),
    ).toThrow(/modeliser-intervention\.json: .*phases\.0\.instructions\.en/)
    expect(
      broken((t) => {
        t.content.canvases[0].frames[1].title.en = '  '
      }),
    ).toThrow(/content\.canvases\.0\.frames\.1\.title\.en: English text is required/)
  })

  it('names unknown fields, bad votes, duplicate ids and off-grid values', () => {
    expect(
      broken((t) => {
        t.content.canvases[0].frames[0].couleur = '#ffffff'
      }),
    ).toThrow(/content\.canvases\.0\.frames\.0.*couleur/)
    expect(
      broken((t) => {
        t.phases[votePhase()].vote.kind = 'applause'
      }),
    ).toThrow(new RegExp(`phases\\.${votePhase()}\\.vote\\.kind`))
    expect(
      broken((t) => {
        t.content.canvases[0].frames[1].id = t.content.canvases[0].frames[0].id
      }),
    ).toThrow(/content\.canvases\.0\.frames\.1\.id: duplicate frame id/)
    expect(
      broken((t) => {
        t.content.canvases[0].frames[0].w = 10.5
      }),
    ).toThrow(/content\.canvases\.0\.frames\.0\.w/)
  })

  it('names a charter without items and a gradient without a scale', () => {
    const charters = raw('charte-des-roles')
    const content = charters.content as { charters: { items: unknown[] }[] }
    at(content.charters, 1).items = []
    const phases = charters.phases as { vote?: { scale?: string } }[]
    const gradient = phases.findIndex((p) => p.vote)
    delete at(phases, gradient).vote?.scale
    expect(() =>
      parseTemplate('templates/charte-des-roles.json', JSON.stringify(charters)),
    ).toThrow(
      new RegExp(
        `templates/charte-des-roles\\.json: .*content\\.charters\\.1\\.items: a charter needs at least one item.*phases\\.${gradient}\\.vote\\.scale`,
      ),
    )
  })
})
