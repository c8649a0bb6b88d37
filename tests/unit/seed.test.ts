import { describe, expect, it } from 'vitest'
import { listCanvases, readCanvasContent } from '../../shared/schema/index.ts'
import { type WorkshopTemplate, workshopTemplate } from '../../shared/template.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const template: WorkshopTemplate = workshopTemplate.parse({
  id: 'modele',
  title: { fr: 'Modèle', en: 'Model' },
  description: { fr: 'Un modèle', en: 'A model' },
  durationMinutes: 90,
  content: {
    canvases: [
      {
        id: 'logique',
        title: { fr: 'Modèle logique', en: 'Logic model' },
        frames: [
          { id: 'besoins', title: { fr: 'Besoins', en: 'Needs' }, x: 0, y: 0, w: 560, h: 640 },
          {
            id: 'ressources',
            title: { fr: 'Ressources', en: 'Resources' },
            x: 600,
            y: 0,
            w: 560,
            h: 640,
          },
        ],
        notes: [
          {
            frame: 'besoins',
            text: { fr: '57 % d’aînés vivant seuls', en: '57% of seniors live alone' },
          },
          { text: { fr: 'Libre', en: 'Free' } },
        ],
      },
    ],
  },
})

const seeded = (locale: 'fr' | 'en') => newWorkshop({ templateId: 'modele', locale }, template).doc

describe('seeding a workshop from its template', () => {
  it('creates the template canvases (with their ids) instead of a blank one', () => {
    expect(listCanvases(seeded('fr')).map((c) => [c.id, c.title])).toEqual([
      ['logique', 'Modèle logique'],
    ])
    expect(listCanvases(seeded('en')).map((c) => c.title)).toEqual(['Logic model'])
  })

  it('places frames and puts seed notes in their frame, in the workshop language', () => {
    const { items } = readCanvasContent(seeded('en'), 'logique')
    const frames = items.filter((item) => item.kind === 'frame')
    expect(frames.map((f) => f.text).sort()).toEqual(['Needs', 'Resources'])
    const needs = frames.find((f) => f.text === 'Needs')
    const note = items.find((item) => item.text === '57% of seniors live alone')
    expect(note).toMatchObject({ kind: 'note', frame: needs?.id })
    expect(items.find((item) => item.text === 'Free')).toMatchObject({ frame: null })
  })
})
