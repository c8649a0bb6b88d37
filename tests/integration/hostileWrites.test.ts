import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  addCharterItem,
  CHARTER_ITEM_TEXT_MAX,
  connect,
  createCluster,
  createDecision,
  DECISION_LIMITS,
  decisionText,
  deleteCharterItem,
  getDecision,
  goToPhase,
  ITEM_TEXT_MAX,
  itemText,
  listCanvases,
  listCharters,
  listParticipants,
  readCanvasContent,
  readFlow,
  setCharterItemStatus,
  setItemText,
  setPosition,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { canvasesMap, chartersMap, decisionsMap } from '../../shared/schema/roots.ts'
import { participantJoiner } from '../helpers/people.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * What a participant's client writes on a canvas (shared or private) or a charter, as an
 * attacker who knows the README sends it with a stock y-websocket client: refused and
 * reverted, or kept. Each case is one found by trying, after the canvas kinds' refactor.
 */
const { start, track } = useTestServers()

/** A person who joined with the participant link, connected as themself, with their record. */
const joinAs = participantJoiner(track)

/** The items of a charter, as a client holds them. */
const charterItems = (doc: Y.Doc, charterId: string) =>
  chartersMap(doc).get(charterId)?.get('items') as Y.Map<Y.Map<unknown>>

/** A workshop (no step running: everyone writes) watched by its facilitator, and Mallory in it. */
const withMallory = async (template: string) => {
  const server = await start()
  const workshop = await server.createWorkshop({ template })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const mallory = await joinAs(server, workshop, 'Mallory', 'citizen')
  const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
  /** Every byte of the workshop as the facilitator's device holds it. */
  const bytes = () => Buffer.from(Y.encodeStateAsUpdate(facilitator.doc)).toString('latin1')
  return { server, workshop, facilitator, mallory, canvasId, bytes }
}

/**
 * A workshop in its private-writing step, watched by its facilitator; `writer()` joins someone
 * connected to their private document, which holds the counterpart of the shared canvas (as
 * the board makes it).
 */
const inPrivateWriting = async () => {
  const server = await start()
  const workshop = await server.createWorkshop({ template: 'groupe-nominal' })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
  const privateStep = readFlow(facilitator.doc).phases.findIndex(
    (phase) => phase.allow.write && !phase.allow.seeOthers,
  )
  goToPhase(facilitator.doc, privateStep, 'test')
  const writer = async () => {
    const me = await server.register(workshop.id, workshop.tokens.participant)
    const room = roomName({
      kind: 'private',
      workshopId: workshop.id,
      participantId: me.participantId,
    })
    const device = () =>
      track(connectClient(server.syncUrl, room, workshop.tokens.participant, me.identity))
    const mine = device()
    await synced(mine)
    ensurePrivateCanvas(mine.doc, canvasId, 'Canevas', 'test')
    return { me, mine, device, told: refusalsOf(mine) }
  }
  return { server, workshop, facilitator, canvasId, writer }
}

describe('a private document holds only what is written privately', () => {
  it('a shape or a frame written into it is reverted and refused (kind.private); notes, texts and their links are kept', async () => {
    const { canvasId, writer } = await inPrivateWriting()
    const { me, mine, device, told } = await writer()
    const kinds = (doc: Y.Doc) =>
      readCanvasContent(doc, canvasId)
        .items.map((item) => item.kind)
        .sort()
    const mineToo = { createdBy: me.participantId }
    addBox(mine.doc, canvasId, { kind: 'shape', x: 0, y: 0, ...mineToo }, 'x')
    addBox(mine.doc, canvasId, { kind: 'frame', x: 0, y: 300, ...mineToo }, 'x')
    await waitFor(
      'both refusals',
      () => told.filter((code) => code === 'kind.private').length === 2,
    )
    await waitFor('both reverted at their writer', () => kinds(mine.doc).length === 0)

    const note = addBox(mine.doc, canvasId, { kind: 'note', x: 0, y: 0, ...mineToo }, 'x')
    const text = addBox(mine.doc, canvasId, { kind: 'text', x: 300, y: 0, ...mineToo }, 'x')
    connect(mine.doc, canvasId, { from: note, to: text, ...mineToo }, 'x')
    const other = device()
    await synced(other)
    await waitFor('the note, the text and their link on another device', () =>
      ['connector', 'note', 'text'].every((kind) => kinds(other.doc).includes(kind)),
    )
    expect(kinds(other.doc)).toEqual(['connector', 'note', 'text'])
    expect(told).toEqual(['kind.private', 'kind.private'])
  })
})

describe('a canvas item’s text has a limit', () => {
  it('a note, or an edit, past 5,000 characters is refused (text.tooLong) and reverted; up to it, kept', async () => {
    const { facilitator, mallory, canvasId } = await withMallory('atelier-libre')
    const doc = mallory.client.doc
    const mine = { createdBy: mallory.id, group: 'citizen' as const }
    const texts = () => readCanvasContent(facilitator.doc, canvasId).items.map((i) => i.text)
    const full = 'a'.repeat(ITEM_TEXT_MAX)
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: `${full}b`, ...mine }, 'x')
    await waitFor('the refusal of the long note', () => mallory.told.length === 1)
    const note = addBox(doc, canvasId, { kind: 'note', x: 200, y: 0, text: full, ...mine }, 'x')
    await waitFor('the note at the limit', () => texts().includes(full))
    itemText(doc, canvasId, note)?.insert(0, 'c')
    await waitFor('the refusal of the edit', () => mallory.told.length === 2)
    await waitFor(
      'the edit reverted at its writer',
      () => itemText(doc, canvasId, note)?.toString() === full,
    )
    // Shortening it is an edit like any other.
    itemText(doc, canvasId, note)?.delete(0, 10)
    await waitFor('the shorter text', () => texts().includes(full.slice(10)))
    expect(mallory.told).toEqual(['text.tooLong', 'text.tooLong'])
    expect(texts()).not.toContain(`${full}b`)
  })

  it('so has a charter item’s (2,000 characters), typed into an item or into one’s own new one: refused (text.tooLong) and reverted', async () => {
    const { facilitator, mallory } = await withMallory('charte-des-roles')
    const charter = listCharters(facilitator.doc)[0]
    const item = charter?.items[0]
    if (!charter || !item) throw new Error('the template has no charter item')
    const doc = mallory.client.doc
    const text = charterItems(doc, charter.id).get(item.id)?.get('text') as Y.Text
    text.insert(0, 'x'.repeat(CHARTER_ITEM_TEXT_MAX))
    await waitFor('the refusal of the long edit', () => mallory.told.length === 1)
    await waitFor('the edit reverted at its writer', () => text.toString() === item.text)
    const own = addCharterItem(doc, charter.id, { text: 'Le mien' }, 'x')
    ;((charterItems(doc, charter.id).get(own) as Y.Map<unknown>).get('text') as Y.Text).insert(
      0,
      'y'.repeat(2_000),
    )
    await waitFor('the refusal of the long item', () => mallory.told.length === 2)
    await sleep(100)
    expect(mallory.told).toEqual(['text.tooLong', 'text.tooLong'])
    const kept = listCharters(facilitator.doc)[0]?.items ?? []
    expect(kept.map((entry) => entry.text.length).every((length) => length <= 2_000)).toBe(true)
    expect(kept.find((entry) => entry.id === own)?.text).toBe('Le mien')
  })

  it('so have a decision’s texts (20,000 characters) and title (200), even the facilitator’s', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({ template: 'atelier-libre' })
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    const watcher = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(facilitator)
    await synced(watcher)
    const told = refusalsOf(facilitator)
    const id = createDecision(facilitator.doc, { title: 'Recruter', context: 'Pourquoi' }, 'x')
    await waitFor('the decision at the observer', () => getDecision(watcher.doc, id) !== null)
    decisionText(facilitator.doc, id, 'rationale').insert(0, 'r'.repeat(DECISION_LIMITS.text + 1))
    await waitFor('the refusal of the long rationale', () => told.length === 1)
    ;(decisionsMap(facilitator.doc).get(id) as Y.Map<unknown>).set('title', 't'.repeat(201))
    await waitFor('the refusal of the long title', () => told.length === 2)
    createDecision(facilitator.doc, { title: 'Autre' }, 'x')
    const third = [...decisionsMap(facilitator.doc).keys()].find((key) => key !== id) ?? ''
    decisionText(facilitator.doc, third, 'context').insert(0, 'c'.repeat(20_001))
    await waitFor('the refusal of the long context', () => told.length === 3)
    decisionText(facilitator.doc, id, 'rationale').insert(0, 'Parce que')
    await waitFor(
      'the honest rationale',
      () => getDecision(watcher.doc, id)?.rationale === 'Parce que',
    )
    expect(told).toEqual(['text.tooLong', 'text.tooLong', 'text.tooLong'])
    expect(getDecision(watcher.doc, id)?.title).toBe('Recruter')
  })
})

describe('a plain text holds characters, nothing else', () => {
  const HIDDEN = 'CONTENU-QUE-PERSONNE-NE-LIT'

  it('an embed, a format or a keyed entry in the text of one’s own note is refused: nobody stores what no screen shows', async () => {
    const { facilitator, mallory, canvasId, bytes } = await withMallory('atelier-libre')
    const note = addBox(
      mallory.client.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Mon idée', createdBy: mallory.id, group: 'citizen' },
      'x',
    )
    await waitFor('her note', () =>
      readCanvasContent(facilitator.doc, canvasId).items.some((item) => item.id === note),
    )
    const items = canvasesMap(mallory.client.doc).get(canvasId)?.get('items') as Y.Map<
      Y.Map<unknown>
    >
    const text = () => items.get(note)?.get('text') as Y.Text
    const attempts = [
      () => {
        const hidden = new Y.Map<string>()
        mallory.client.doc.transact(() => {
          text().insertEmbed(2, hidden)
          hidden.set('fill', HIDDEN)
        })
      },
      () => text().insertEmbed(0, { fill: HIDDEN }),
      () => text().format(0, 3, { bold: HIDDEN }),
      () => text().setAttribute('fill', HIDDEN),
    ]
    for (const [index, attempt] of attempts.entries()) {
      attempt()
      await waitFor(`refusal ${index + 1}`, () => mallory.told.length === index + 1)
    }
    // What she types still lands.
    setItemText(mallory.client.doc, canvasId, note, 'Mon idée, précisée', 'x')
    await waitFor(
      'her words',
      () =>
        readCanvasContent(facilitator.doc, canvasId).items.find((item) => item.id === note)
          ?.text === 'Mon idée, précisée',
    )
    expect(bytes()).not.toContain(HIDDEN)
    expect(mallory.told).toEqual(['invalid', 'invalid', 'invalid', 'invalid'])
  })

  it('the same in the text of a charter item', async () => {
    const { facilitator, mallory, bytes } = await withMallory('charte-des-roles')
    const charter = listCharters(facilitator.doc)[0]
    const item = charter?.items[0]
    if (!charter || !item) throw new Error('the template has no charter item')
    const text = charterItems(mallory.client.doc, charter.id).get(item.id)?.get('text') as Y.Text
    text.insertEmbed(0, { fill: HIDDEN })
    await waitFor('the refusal', () => mallory.told.includes('invalid'))
    text.insert(0, 'Ajout : ')
    await waitFor('her words', () =>
      (listCharters(facilitator.doc)[0]?.items[0]?.text ?? '').startsWith('Ajout : '),
    )
    expect(bytes()).not.toContain(HIDDEN)
  })
})

describe('a cluster is a name', () => {
  it('a field no cluster has is refused', async () => {
    const { facilitator, mallory, canvasId, bytes } = await withMallory('atelier-libre')
    const note = addBox(
      mallory.client.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Idée', createdBy: mallory.id, group: 'citizen' },
      'x',
    )
    const cluster = createCluster(mallory.client.doc, canvasId, 'Thème', [note], 'x')
    await waitFor('her cluster', () =>
      readCanvasContent(facilitator.doc, canvasId).clusters.some((c) => c.id === cluster),
    )
    const clusters = canvasesMap(mallory.client.doc).get(canvasId)?.get('clusters') as Y.Map<
      Y.Map<unknown>
    >
    clusters.get(cluster)?.set('fill', 'CHAMP-INVISIBLE'.repeat(100))
    await waitFor('the refusal', () => mallory.told.includes('invalid'))
    await sleep(100)
    expect(bytes()).not.toContain('CHAMP-INVISIBLE')
    expect(readCanvasContent(facilitator.doc, canvasId).clusters).toEqual([
      { id: cluster, name: 'Thème' },
    ])
  })
})

describe('a charter item: where each person stands stays theirs, and it stays a charter item', () => {
  /** The charter workshop with Alice and Bob in it too, and its first item. */
  const withCharter = async () => {
    const setting = await withMallory('charte-des-roles')
    const alice = await joinAs(setting.server, setting.workshop, 'Alice', 'clinician')
    const bob = await joinAs(setting.server, setting.workshop, 'Bob', 'patient')
    await waitFor('the three records', () => listParticipants(setting.facilitator.doc).length === 3)
    const charter = listCharters(setting.facilitator.doc)[0]
    const item = charter?.items[0]
    if (!charter || !item) throw new Error('the template has no charter item')
    const items = charterItems(setting.mallory.client.doc, charter.id)
    const read = (id = item.id) =>
      listCharters(setting.facilitator.doc)[0]?.items.find((entry) => entry.id === id)
    return { ...setting, alice, bob, charter, item, items, read }
  }

  /** A charter item map as addCharterItem makes it, with `positions` already in it. */
  const itemWith = (
    fields: { id: string; rank: string; text: string },
    positions: Record<string, string>,
  ) => {
    const map = new Y.Map<unknown>()
    const text = new Y.Text()
    text.insert(0, fields.text)
    const held = new Y.Map<unknown>()
    for (const [id, position] of Object.entries(positions)) held.set(id, position)
    for (const [key, value] of Object.entries({
      id: fields.id,
      kind: 'responsibility',
      rank: fields.rank,
      status: 'to-discuss',
      text,
      positions: held,
    }))
      map.set(key, value)
    return map
  }

  it('an item replaced by a copy, or a new one, that says where others stand is refused', async () => {
    const { mallory, alice, bob, charter, item, items, read } = await withCharter()
    const forged = { [alice.id]: 'object', [bob.id]: 'object' }
    items.set(item.id, itemWith(item, forged))
    items.set('nouvelItem', itemWith({ id: 'nouvelItem', rank: 'zz', text: 'Nouveau' }, forged))
    await waitFor(
      'both refusals',
      () => mallory.told.filter((code) => code === 'participant.other').length === 2,
    )
    await sleep(100)
    expect(read()?.byParticipant).toEqual({})
    expect(read('nouvelItem')).toBeUndefined()
    // Her own item, and where she stands on it, land.
    const own = addCharterItem(mallory.client.doc, charter.id, { text: 'Le mien' }, 'x')
    setPosition(mallory.client.doc, charter.id, own, mallory.id, 'agree', 'x')
    await waitFor('her item and position', () => read(own)?.byParticipant[mallory.id] === 'agree')
  })

  it('a field no charter item has, a status or a position it cannot have, or a new item without its fields is refused', async () => {
    const { mallory, item, items, read, bytes, charter } = await withCharter()
    const entry = () => items.get(item.id) as Y.Map<unknown>
    const attempts = [
      () => entry().set('fill', 'CHAMP-INVISIBLE'.repeat(100)),
      () => entry().set('status', 'adopté par tous'),
      () => (entry().get('positions') as Y.Map<unknown>).set(mallory.id, 'CHAMP-INVISIBLE'),
      () => {
        const bare = new Y.Map<unknown>()
        bare.set('id', 'vide')
        items.set('vide', bare)
      },
    ]
    for (const [index, attempt] of attempts.entries()) {
      attempt()
      await waitFor(`refusal ${index + 1}`, () => mallory.told.length === index + 1)
    }
    // A status is the facilitator's to set, a valid one or not.
    expect(mallory.told).toEqual(['invalid', 'charter.status', 'invalid', 'invalid'])
    await sleep(100)
    expect(read()).toMatchObject({ status: 'to-discuss', byParticipant: {} })
    expect(bytes()).not.toContain('CHAMP-INVISIBLE')
    expect(items.has('vide')).toBe(false)
    // What the panel lets her do still lands.
    setPosition(mallory.client.doc, charter.id, item.id, mallory.id, 'discuss', 'x')
    await waitFor('her position', () => read()?.byParticipant[mallory.id] === 'discuss')
  })

  it('the status the group settled, and deleting the template’s items or others’, are the facilitator’s', async () => {
    const { facilitator, mallory, alice, charter, item, items, read } = await withCharter()
    const mine = addCharterItem(
      mallory.client.doc,
      charter.id,
      { text: 'Le mien', createdBy: mallory.id },
      'x',
    )
    const hers = addCharterItem(
      alice.client.doc,
      charter.id,
      { text: 'Le sien', createdBy: alice.id },
      'x',
    )
    await waitFor('both items', () => read(mine) !== undefined && read(hers) !== undefined)
    await waitFor('both items at Mallory', () => items.has(hers))
    const attempts = [
      // Alone, she marks agreed what others object to.
      () => setCharterItemStatus(mallory.client.doc, charter.id, item.id, 'agreed', 'x'),
      // A new item she says is already agreed.
      () => {
        const id = addCharterItem(mallory.client.doc, charter.id, { text: 'Déjà convenu' }, 'x')
        ;(items.get(id) as Y.Map<unknown>).set('status', 'agreed')
      },
      // A new item credited to someone else.
      () =>
        addCharterItem(mallory.client.doc, charter.id, { text: 'Faux', createdBy: alice.id }, 'x'),
      // The template's item, and Alice's.
      () => deleteCharterItem(mallory.client.doc, charter.id, item.id, 'x'),
      () => deleteCharterItem(mallory.client.doc, charter.id, hers, 'x'),
      // Her own item, taken over.
      () => (items.get(mine) as Y.Map<unknown>).set('createdBy', alice.id),
    ]
    for (const [index, attempt] of attempts.entries()) {
      attempt()
      await waitFor(`refusal ${index + 1}`, () => mallory.told.length === index + 1)
    }
    expect(mallory.told).toEqual([
      'charter.status',
      'charter.status',
      'item.author',
      'charter.delete',
      'charter.delete',
      'item.author',
    ])
    await sleep(100)
    expect(read()?.status).toBe('to-discuss')
    // The item she added stays, to discuss; the one credited to Alice does not.
    expect(read(hers)?.text).toBe('Le sien')
    const texts = listCharters(facilitator.doc)[0]?.items.map((entry) => [entry.text, entry.status])
    expect(texts).toContainEqual(['Déjà convenu', 'to-discuss'])
    expect(texts?.map(([text]) => text)).not.toContain('Faux')
    // Her own item she deletes; the facilitator sets the status.
    deleteCharterItem(mallory.client.doc, charter.id, mine, 'x')
    setCharterItemStatus(facilitator.doc, charter.id, item.id, 'agreed', 'x')
    await waitFor(
      'her item gone, the status set',
      () => read(mine) === undefined && read()?.status === 'agreed',
    )
    expect(mallory.told).toHaveLength(6)
  })
})

describe('the reveal', () => {
  it('brings every private note onto the canvas, as long as one may be, and loses none', async () => {
    const { server, workshop, facilitator, canvasId, writer } = await inPrivateWriting()
    const long = 'Une très longue idée. '.repeat(500).slice(0, ITEM_TEXT_MAX)
    const written: string[] = []
    for (const text of ['Idée d’Alice', long]) {
      const { me, mine, device } = await writer()
      const note = addBox(
        mine.doc,
        canvasId,
        { kind: 'note', x: 0, y: 0, text: text.slice(0, 100), createdBy: me.participantId },
        'x',
      )
      // Typed on the board, whose text field stops at the limit.
      setItemText(mine.doc, canvasId, note, text, 'x')
      const other = device()
      await waitFor('the note on the server', () =>
        readCanvasContent(other.doc, canvasId).items.some((item) => item.text === text),
      )
      written.push(text)
    }
    const reveal = await fetch(`${server.url}/api/workshops/${workshop.id}/reveal`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${workshop.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ canvasId, anonymous: true }),
    })
    expect(reveal.status).toBe(200)
    await waitFor('both notes on the shared canvas', () => {
      const texts = readCanvasContent(facilitator.doc, canvasId).items.map((item) => item.text)
      return written.every((text) => texts.includes(text))
    })
  })
})
