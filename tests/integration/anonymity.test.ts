import { beforeEach, describe, expect, it } from 'vitest'
import { PRESENCE_FIELD } from '../../shared/presence.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  type BoxItem,
  canvasMap,
  goToPhase,
  listCanvases,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { received, useWitnessedWorkshop, type Witness } from '../helpers/witnesses.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/**
 * Anonymous means unlinkable: nothing another participant sees ties a note revealed without
 * names to its author, neither where the note lands nor what presence said while it was written.
 */

// Each person's wire is a connection proved to be them, as their browser's is.
const setting = useWitnessedWorkshop('groupe-nominal', { wireAsThemself: true })
const { track, person } = setting
const O = 'test'

/** Another device of `who`'s: its private document as the server has it. */
const ownDevice = (who: Witness) =>
  track(
    connectClient(
      setting.server.syncUrl,
      roomName({ kind: 'private', workshopId: setting.workshop.id, participantId: who.id }),
      setting.workshop.tokens.participant,
      { participant: who.id, secret: who.secret },
    ),
  )

/**
 * The offset browsers used to add to a private note (before `placeNewItem`), drawn from the
 * participant id, which every participant's browser knows: the attack's model of where a
 * note starts.
 */
const personalOffset = (participantId: string) => {
  let hash = 0
  for (const char of participantId) hash = (hash * 31 + char.charCodeAt(0)) | 0
  const step = (bits: number) => ((((hash >>> bits) % 9) + 9) % 9) - 4
  return { x: step(0) * 3 * 20, y: step(4) * 2 * 20 }
}

const facilitatorApi = (path: string, body: unknown) =>
  fetch(`${setting.server.url}/api/workshops/${setting.workshop.id}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${setting.workshop.tokens.facilitator}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  })

let facilitator: TestClient
let canvasId: string

type Allow = TemplatePhase['allow']
const privateWriting = (allow: Allow) => allow.write && !allow.seeOthers

const startPhase = async (people: Witness[], which: (allow: Allow) => boolean) => {
  const index = readFlow(facilitator.doc).phases.findIndex((phase) => which(phase.allow))
  goToPhase(facilitator.doc, index, O)
  for (const { shared } of people)
    await waitFor('the private phase', () => readFlow(shared.doc).phaseIndex === index)
}

beforeEach(async () => {
  facilitator = track(
    connectClient(setting.server.syncUrl, setting.workshop.id, setting.workshop.tokens.facilitator),
  )
  await synced(facilitator)
  canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
})

describe('an anonymous reveal', () => {
  it('lands the notes where nothing recovers their authors, not even by subtraction', async () => {
    const people = await Promise.all(
      (['patient', 'citizen', 'clinician', 'other'] as const).map((group, i) =>
        person(`Personne ${i}`, group),
      ),
    )
    await startPhase(people, privateWriting)
    // Everyone writes their note where the browser puts it: their view's centre plus the
    // person's own offset. Three look at the same spot; the fourth's view is over the second
    // frame (« Nos priorités »).
    const centre = { x: 600, y: 400 }
    const elsewhere = { x: 1480, y: 560 }
    const sameView = people.slice(0, 3).map((who) => who.id)
    const written = new Map<string, { x: number; y: number; author: string }>()
    for (const who of people) {
      const { own } = who
      ensurePrivateCanvas(own.doc, canvasId, 'Privé', O)
      const offset = personalOffset(who.id)
      const view = sameView.includes(who.id) ? centre : elsewhere
      const at = { x: view.x + offset.x, y: view.y + offset.y }
      const text = `Idée de ${who.name}`
      addBox(own.doc, canvasId, { kind: 'note', ...at, text, createdBy: who.id }, O)
      written.set(text, { ...at, author: who.id })
      // The server has it once a second connection of the owner receives it.
      const check = ownDevice(who)
      await waitFor('the private note on the server', () =>
        canvasMap(check.doc, canvasId) === null
          ? false
          : readCanvasContent(check.doc, canvasId).items.some((item) => item.text === text),
      )
    }

    const reveal = await facilitatorApi('/reveal', { canvasId, anonymous: true })
    expect(reveal.status).toBe(200)
    expect(await reveal.json()).toEqual({ revealed: 4 })
    const observer = people[0] as Witness
    const revealed = () =>
      readCanvasContent(observer.shared.doc, canvasId).items.filter(
        (item): item is BoxItem => item.kind !== 'connector' && written.has(item.text),
      )
    await waitFor('the four revealed notes', () => revealed().length === 4)

    const notes = revealed()
    for (const note of notes) {
      const origin = written.get(note.text)
      // Not where its author put it…
      expect([note.x, note.y]).not.toEqual([origin?.x, origin?.y])
      expect(note).toMatchObject({ createdBy: '', group: null, colour: null })
    }
    // …all in the canvas's first frame (which frame each was in would tell whose it is)…
    const frames = readCanvasContent(observer.shared.doc, canvasId).items.filter(
      (item): item is BoxItem => item.kind === 'frame',
    )
    const first = [...frames].sort((a, b) => a.y - b.y || a.x - b.x)[0]
    expect(new Set(notes.map((note) => note.frame))).toEqual(new Set([first?.id]))
    // …and laid out afresh: no two notes overlap.
    for (const a of notes)
      for (const b of notes) {
        if (a === b) continue
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
        expect(apart, `${a.text} overlaps ${b.text}`).toBe(true)
      }
    // The attack: subtract each candidate author's public offset from each note's position;
    // the true assignment would give the same view centre for every note.
    const centres = notes.flatMap((note) => {
      const author = written.get(note.text)?.author ?? ''
      if (!sameView.includes(author)) return []
      const offset = personalOffset(author)
      return [`${note.x - offset.x},${note.y - offset.y}`]
    })
    expect(new Set(centres).size, `centres recovered: ${centres.join(' ')}`).toBeGreaterThan(1)
    expect(notes.map((note) => note.text).sort()).toEqual([...written.keys()].sort())
  })
})

describe('presence during private writing and votes', () => {
  const CURSOR = { x: 31337.25, y: 27182.5 }
  const marker = String(CURSOR.x)

  it.each([
    ['private writing', privateWriting],
    ['a dot vote', (allow: Allow) => allow.vote],
  ])(
    "relays no participant's cursor or editing state during %s, only who is here",
    async (_, phase) => {
      const ana = await person('Ana', 'patient')
      const bob = await person('Bob', 'citizen')
      const showCursor = (x: number) => {
        const { awareness } = ana.shared.provider
        awareness.setLocalStateField(PRESENCE_FIELD, {
          id: ana.id,
          name: 'Ana',
          group: 'patient',
          role: 'participant',
        })
        awareness.setLocalStateField('cursor', { canvasId, x, y: CURSOR.y })
        awareness.setLocalStateField('editing', { canvasId, itemId: `item-${x}` })
        awareness.setLocalStateField('textCursor', { anchor: x, head: x })
      }

      // While everyone sees everyone, Bob sees Ana's cursor (the relay works).
      showCursor(CURSOR.x)
      await waitFor("Ana's cursor at Bob, outside private writing", () =>
        received(bob.wire, marker),
      )

      await startPhase([ana, bob], phase)
      const before = bob.wire.received.length
      const during = String(CURSOR.x + 1)
      showCursor(CURSOR.x + 1)
      await sleep(300)
      const later = bob.wire.received.slice(before)
      const text = later.map((frame) => Buffer.from(frame).toString('latin1')).join('\n')
      expect(text).not.toContain(during)
      expect(text).not.toContain(`item-${during}`)
      // Ana is still shown as here, by name.
      expect(text).toContain('Ana')
      const state = [...bob.shared.provider.awareness.getStates().values()].find(
        (candidate) => (candidate[PRESENCE_FIELD] as { id?: string } | undefined)?.id === ana.id,
      )
      expect(state?.cursor).toBeUndefined()
      expect(state?.editing).toBeUndefined()
      // Nor tucked inside who she is.
      const { awareness } = ana.shared.provider
      const user = { id: ana.id, name: 'Ana', group: 'patient', role: 'participant' }
      awareness.setLocalStateField(PRESENCE_FIELD, { ...user, cursor: { x: CURSOR.x + 2 } })
      await sleep(300)
      const tucked = bob.wire.received.map((frame) => Buffer.from(frame).toString('latin1'))
      expect(tucked.join('\n')).not.toContain(String(CURSOR.x + 2))
      // The facilitator's screen (and the projector on it) does not get it either.
      const seen = [...facilitator.provider.awareness.getStates().values()].map((s) => s.cursor)
      expect(seen).not.toContainEqual(expect.objectContaining({ x: CURSOR.x + 1 }))
    },
  )
})
