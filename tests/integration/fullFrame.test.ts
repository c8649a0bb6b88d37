import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addPlacedBox } from '../../client/features/canvas/editor/addPlaced.ts'
import { type Placement, placeNewItem } from '../../shared/canvas/placement.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import {
  type BoxItem,
  canvasMap,
  GRID,
  goToPhase,
  listCanvases,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import type { PhasePermissions } from '../../shared/schema/rights.ts'
import { joinAs } from '../helpers/people.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * A note added to a full frame grows the frame, for participants too (issues 15/16): the
 * frames of the templates hold about nine notes, and a room of fifteen people writes more.
 * The template « Modéliser l'intervention »: its frame « Besoins et population » (560 × 640,
 * three seed notes in it) has the frame « Contexte » right below it.
 */
const { start, track } = useTestServers()

const boxes = (doc: Y.Doc, canvasId: string): BoxItem[] =>
  readCanvasContent(doc, canvasId).items.filter(
    (item): item is BoxItem => item.kind !== 'connector',
  )

const overlap = (a: BoxItem, b: BoxItem) =>
  !(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y)
const inside = (box: BoxItem, frame: BoxItem) =>
  box.x >= frame.x &&
  box.y >= frame.y &&
  box.x + box.w <= frame.x + frame.w &&
  box.y + box.h <= frame.y + frame.h

/** The notes, texts and shapes that lie on another one (frames aside), as "a / b". */
const overlapping = (all: readonly BoxItem[]) => {
  const found: string[] = []
  const notes = all.filter((box) => box.kind !== 'frame')
  for (const [i, a] of notes.entries())
    for (const b of notes.slice(i + 1)) if (overlap(a, b)) found.push(`${a.text} / ${b.text}`)
  return found
}

const VIEW = { x: 0, y: 0, w: 1280, h: 800 }

/**
 * A workshop of « Modéliser l'intervention » in its first step that `allow`s, watched by its
 * facilitator; `join` brings someone in (both their documents, their record written).
 */
const workshopIn = async (which: (allow: PhasePermissions) => boolean) => {
  const server = await start()
  const workshop = await server.createWorkshop({ template: 'modeliser-intervention' })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
  const step = readFlow(facilitator.doc).phases.findIndex((phase) => which(phase.allow))
  goToPhase(facilitator.doc, step, 'test')
  const frame = boxes(facilitator.doc, canvasId).find(
    (box) => box.kind === 'frame' && box.x === 0 && box.y === 0,
  )
  if (!frame) throw new Error('no frame « Besoins et population »')
  const join = async (name: string, group: PartnerGroup) => {
    const person = await joinAs(server, workshop.id, workshop.tokens.participant, name, group)
    track(person.shared)
    track(person.own)
    await waitFor('the step', () => readFlow(person.shared.doc).phaseIndex === step)
    const told = refusalsOf(person.shared)
    /**
     * Adds a note into the frame as the board and the outline do: placed among what this
     * person's screen shows (`alsoShown`: their private notes), written with `addPlacedBox`.
     */
    const add = (doc: Y.Doc, text: string, alsoShown: readonly BoxItem[] = []) =>
      addPlacedBox(
        doc,
        canvasId,
        {
          place: placeNewItem({
            items: [...boxes(person.shared.doc, canvasId), ...alsoShown],
            view: VIEW,
            kind: 'note',
            frameId: frame.id,
          }),
          box: { kind: 'note', text, createdBy: person.id, group },
        },
        'board',
      )
    return { ...person, told, add }
  }
  const frameNow = () => boxes(facilitator.doc, canvasId).find((box) => box.id === frame.id)
  /**
   * At the facilitator, every note of `written` is in the frame and inside it, the frame kept
   * its place and width, and no box is on another: returns the frame now and every box.
   */
  const held = (written: readonly string[]) => {
    const grown = frameNow()
    if (!grown) throw new Error('the frame is gone')
    expect(grown).toMatchObject({ x: frame.x, y: frame.y, w: frame.w })
    const all = boxes(facilitator.doc, canvasId)
    for (const text of written) {
      const note = all.find((box) => box.text === text) as BoxItem
      expect(note.frame, `${text} in the frame`).toBe(frame.id)
      expect(inside(note, grown), `${text} inside the frame`).toBe(true)
    }
    expect(overlapping(all)).toEqual([])
    return { grown, all }
  }
  return { server, workshop, facilitator, canvasId, frame, frameNow, held, join }
}

const sharedWriting = (allow: PhasePermissions) => allow.write && allow.seeOthers && allow.move
const privateWriting = (allow: PhasePermissions) => allow.write && !allow.seeOthers

describe('a participant adds notes into a full frame', () => {
  it('the frame grows to hold them, in height only; every note is inside it, none on another', async () => {
    const { facilitator, canvasId, frame, held, join } = await workshopIn(sharedWriting)
    const amina = await join('Amina', 'patient')
    const jules = await join('Jules', 'citizen')
    const written: string[] = []
    // Fifteen notes: six fill the frame (three seed notes are in it), nine need it to grow.
    for (let i = 0; i < 15; i++) {
      const who = i % 2 === 0 ? amina : jules
      const text = `Idée ${i + 1}`
      who.add(who.shared.doc, text)
      written.push(text)
      // The next writer sees it first, as in a room where people write one after the other.
      const next = i % 2 === 0 ? jules : amina
      await waitFor(text, () => boxes(next.shared.doc, canvasId).some((box) => box.text === text))
    }
    await waitFor('every note at the facilitator', () =>
      written.every((text) => boxes(facilitator.doc, canvasId).some((box) => box.text === text)),
    )
    await sleep(100)
    const { grown, all } = held(written)
    expect(grown.h).toBeGreaterThan(frame.h)
    // Just enough: the lowest note, a gap, at most a grid row more.
    const lowest = Math.max(
      ...all.filter((box) => box.frame === frame.id).map((box) => box.y + box.h),
    )
    expect(grown.y + grown.h).toBeLessThanOrEqual(lowest + 2 * GRID)
    expect(amina.told).toEqual([])
    expect(jules.told).toEqual([])
  })

  it('a growth that is not just room for one’s new note is refused and reverted', async () => {
    const { facilitator, canvasId, frame, frameNow, join } = await workshopIn(sharedWriting)
    const mallory = await join('Mallory', 'citizen')
    const doc = mallory.shared.doc
    for (let i = 0; i < 6; i++) mallory.add(doc, `Honnête ${i + 1}`)
    await waitFor('the frame full', () =>
      boxes(facilitator.doc, canvasId).some((box) => box.text === 'Honnête 6'),
    )
    const items = canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    const frameMap = items.get(frame.id) as Y.Map<unknown>
    const full = frameNow() as BoxItem
    expect(full.h).toBe(frame.h)

    /** Mallory's note `text` at `place`, written as the board writes it. */
    const noteAt = (text: string, place: Placement) =>
      addPlacedBox(
        doc,
        canvasId,
        { place, box: { kind: 'note', text, createdBy: mallory.id, group: 'citizen' } },
        'board',
      )
    /** Where the board puts the next note into the frame. */
    const next = () =>
      placeNewItem({ items: boxes(doc, canvasId), view: VIEW, kind: 'note', frameId: frame.id })
    /** The honest note and growth, then `forge` in the same transaction. */
    const forged = (text: string, forge: (place: { x: number; y: number; h: number }) => void) =>
      doc.transact(() => {
        const place = next()
        noteAt(text, place)
        forge({ x: place.x, y: place.y, h: place.growFrame?.h ?? 0 })
      }, 'board')
    /** `h` for the frame, and a note `text` at `place`, in one transaction. */
    const grownFor = (h: number, text: string, place: Placement) =>
      doc.transact(() => {
        frameMap.set('h', h)
        noteAt(text, place)
      }, 'board')
    const attempts: Array<[string, () => void]> = [
      ['a growth without a note', () => frameMap.set('h', full.h + 200)],
      ['wider too', () => forged('Plus large', () => frameMap.set('w', full.w + 200))],
      ['5,000 higher', () => forged('Trop haut', ({ h }) => frameMap.set('h', h + 5000))],
      ['moved too', () => forged('Déplacé', () => frameMap.set('x', full.x + 40))],
      [
        'for a note a row below where it goes',
        () => {
          const place = next()
          const lower = { ...place, y: place.y + 200, growFrame: null }
          grownFor((place.growFrame?.h ?? full.h) + 200, 'Plus bas', lower)
        },
      ],
      [
        // Found from outside: any height, for one note put far below the frame.
        'stretched to a note far below it',
        () =>
          grownFor(100_200, 'Très loin', {
            ...{ x: full.x + 20, y: full.y + 100_000 },
            ...{ frameId: frame.id, growFrame: null },
          }),
      ],
      [
        'for a note that fits without it',
        () =>
          grownFor(full.h + 180, 'Ailleurs', { x: 20, y: -400, frameId: null, growFrame: null }),
      ],
    ]
    for (const [what, attempt] of attempts) {
      const before = mallory.told.length
      attempt()
      await waitFor(`the refusal of ${what}`, () => mallory.told.length === before + 1)
      expect(mallory.told.at(-1), what).toBe('item.notYours')
      await waitFor(`${what} reverted at its writer`, () => {
        const now = boxes(doc, canvasId).find((box) => box.id === frame.id)
        return now?.h === full.h && now.w === full.w && now.x === full.x
      })
    }
    await sleep(100)
    expect(frameNow()).toMatchObject({ x: full.x, y: full.y, w: full.w, h: full.h })
    const texts = boxes(facilitator.doc, canvasId).map((box) => box.text)
    for (const text of ['Plus large', 'Trop haut', 'Déplacé', 'Plus bas', 'Très loin', 'Ailleurs'])
      expect(texts).not.toContain(text)
    // The honest one still lands.
    mallory.add(doc, 'Honnête 7')
    await waitFor('the honest growth', () => (frameNow()?.h ?? 0) > full.h)
    expect(mallory.told).toHaveLength(attempts.length)
  })
})

describe('notes written in private into a full frame', () => {
  it('are placed in it by the board, and the reveal puts every one in it, none on another', async () => {
    const { server, workshop, facilitator, canvasId, frame, held, join } =
      await workshopIn(privateWriting)
    const people = [await join('Amina', 'patient'), await join('Jules', 'citizen')]
    const written: string[] = []
    for (const who of people) {
      ensurePrivateCanvas(who.own.doc, canvasId, 'Privé', 'test')
      // Eight each: six fill the frame on their screen, two go where it will grow. Both
      // screens show the same canvas, so both put their notes at the same places.
      for (let i = 0; i < 8; i++) {
        const text = `${who.id.slice(0, 4)} ${i + 1}`
        who.add(who.own.doc, text, boxes(who.own.doc, canvasId))
        written.push(text)
      }
      const mine = boxes(who.own.doc, canvasId)
      expect(overlapping([...boxes(who.shared.doc, canvasId), ...mine])).toEqual([])
      for (const note of mine) {
        expect(note.x).toBeGreaterThanOrEqual(frame.x)
        expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w)
        expect(note.y).toBeGreaterThanOrEqual(frame.y)
      }
      await sleep(50)
      expect(who.told).toEqual([])
    }
    await sleep(200)
    const reveal = await fetch(`${server.url}/api/workshops/${workshop.id}/reveal`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${workshop.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ canvasId, anonymous: false }),
    })
    expect(reveal.status).toBe(200)
    expect(await reveal.json()).toEqual({ revealed: written.length })
    await waitFor('every note on the shared canvas', () =>
      written.every((text) => boxes(facilitator.doc, canvasId).some((box) => box.text === text)),
    )
    held(written)
  })
})
