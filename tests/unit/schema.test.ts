import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  listParticipants,
  migrate,
  NewerSchemaError,
  readMeta,
  SCHEMA_VERSION,
  setTitle,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { participantsMap } from '../../shared/schema/roots.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const seeded = () => newWorkshop({ title: 'Plan ouvert' }).doc

describe('workshop document schema', () => {
  it('initialises metadata at the current schema version', () => {
    expect(readMeta(seeded())).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: 'Plan ouvert',
      templateId: 'atelier-libre',
      locale: 'fr',
      createdAt: 1,
    })
  })

  it('migrates an old document once, and refuses one from a newer build', () => {
    const doc = new Y.Doc()
    expect(migrate(doc)).toBe(true)
    expect(migrate(doc)).toBe(false)
    const newer = seeded()
    newer.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1)
    expect(() => migrate(newer)).toThrow(NewerSchemaError)
  })

  it('validates the title it sets', () => {
    const doc = seeded()
    setTitle(doc, '  Charte des rôles  ', 'test')
    expect(readMeta(doc)?.title).toBe('Charte des rôles')
    expect(() => setTitle(doc, '   ', 'test')).toThrow(/must not be empty/)
  })

  it('adds participants, keeps when they joined, and lists them oldest first', () => {
    const doc = seeded()
    upsertParticipant(
      doc,
      { id: 'bbbbbbbb', name: 'Béa', group: 'clinician', joinedAt: 20 },
      'test',
    )
    upsertParticipant(doc, { id: 'aaaaaaaa', name: 'Ali', group: 'patient', joinedAt: 10 }, 'test')
    upsertParticipant(
      doc,
      { id: 'bbbbbbbb', name: 'Béatrice', group: 'citizen', joinedAt: 99 },
      'test',
    )
    expect(listParticipants(doc)).toEqual([
      { id: 'aaaaaaaa', name: 'Ali', group: 'patient', joinedAt: 10 },
      { id: 'bbbbbbbb', name: 'Béatrice', group: 'citizen', joinedAt: 20 },
    ])
  })

  it('skips participant entries a faulty client wrote', () => {
    const doc = seeded()
    upsertParticipant(doc, { id: 'aaaaaaaa', name: 'Ali', group: 'patient' }, 'test')
    participantsMap(doc).set('cccccccc', {
      id: 'cccccccc',
      name: '<b>x</b>',
      group: 'admin',
      joinedAt: 1,
    })
    participantsMap(doc).set('dddddddd', 'not a record')
    participantsMap(doc).set('eeeeeeee', {
      id: 'ffffffff',
      name: 'Wrong key',
      group: 'patient',
      joinedAt: 1,
    })
    expect(listParticipants(doc).map((p) => p.id)).toEqual(['aaaaaaaa'])
  })

  it('refuses to write an invalid participant', () => {
    const doc = seeded()
    expect(() =>
      upsertParticipant(doc, { id: 'short', name: 'Ali', group: 'patient' }, 'test'),
    ).toThrow()
    expect(() =>
      upsertParticipant(doc, { id: 'aaaaaaaa', name: '', group: 'patient' }, 'test'),
    ).toThrow()
    expect(listParticipants(doc)).toEqual([])
  })
})
