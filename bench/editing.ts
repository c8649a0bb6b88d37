/**
 * A long collaborative rich-text session through our real server (its own process, on a
 * temporary DATA_DIR): 5 y-websocket clients (`WebsocketProvider`s, in this process) type into
 * the same workshop document, the Tiptap body (`documents[<id>].body`, a Y.XmlFragment of
 * paragraph, heading and bulletList > listItem > paragraph, each holding a Y.XmlText) of the
 * document seeded by the evaluation-participative template (plan-ouvert's until its plan became
 * the lab's plan rather than a document: RESULTS.md's runs before that used it). 100,000 seeded keystrokes in all: ~84 % a
 * character typed, ~15 % Backspace, ~1 % Enter (the block split in two as Tiptap writes it: a
 * new paragraph, or a new list item). Each keystroke is its own transaction, so its own update
 * on the wire, as in the editor. Where they land (`--pattern`):
 * - `caret` (default), as people type: each client types at its caret (a Y.RelativePosition,
 *   so it follows the others' edits), and moves it to a random place of a random block before
 *   2 % of its keystrokes;
 * - `random`, the worst case for Yjs: every keystroke at a random place of a random block, so
 *   no two characters merge into one item (the document holds ~100,000 items).
 * Clients type in
 * bursts and wait while another client lacks more than WINDOW of their characters: it is a
 * throughput bench, the rate reached is the figure.
 *
 * Prints the typing time and rate, the time until all 5 converge, CPU used, the encoded
 * document, the size of a client's reply to each acknowledgement, what the server stored at
 * the end of the session and after it compacted the room on unload (`roomStatsQuery` on a
 * read-only connection to its database), and two cold loads: a fresh server on the same data
 * (a new client's connect to synced, and the server's own room load time from its log), and
 * `SqliteStorage.loadRoom` + apply into a Y.Doc in this process; then 30 new devices opening
 * the unloaded workshop at once, as when a workshop starts. The document must be the same
 * in all 5 clients and after the reload, or the bench fails.
 *
 * Server settings are the defaults (durability full, COMPACT_EVERY 1000) except
 * MAX_MESSAGES_PER_SECOND, raised because each client sends hundreds of updates a second.
 * Target (PRODUCT.md): a 1 MB room cold-loads in ≤ 150 ms.
 * Run: npm run bench:editing [-- --keystrokes=100000 --seed=1 --pattern=caret|random]
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as prng from 'lib0/prng'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { roomStatsQuery } from '../server/storage/roomStats.ts'
import { SqliteStorage } from '../server/storage/SqliteStorage.ts'
import { MessageType } from '../shared/protocol.ts'
import { documentBody, listDocuments } from '../shared/schema/documents.ts'
import { readPlainText } from '../shared/schema/richText.ts'
import { openRaw } from '../tests/helpers/raw.ts'
import { createWorkshop } from '../tests/helpers/server.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../tests/helpers/yclient.ts'
import { cpuSeconds, machineCpu } from './fanout/proc.ts'
import { arg, type BenchServer, deadline, startServer, tempDir } from './lib/server.ts'

const KEYSTROKES = Number(arg('keystrokes', '100000'))
const SEED = Number(arg('seed', '1'))
const PATTERN = arg('pattern', 'caret')
if (PATTERN !== 'caret' && PATTERN !== 'random') throw new Error('--pattern is caret or random')
/** With --pattern=caret, share of keystrokes before which the client moves its caret. */
const CARET_MOVE_SHARE = 0.02
const CLIENTS = 5
/** Devices that open the workshop at once when it starts (a room of people with phones). */
const JOINERS = 30
const TEMPLATE = 'evaluation-participative'
/** Keystrokes a client types in one event-loop turn. */
const BURST = 20
/** A client waits while another client lacks more than this many of its characters. */
const WINDOW = 200
const DELETE_SHARE = 0.15
const ENTER_SHARE = 0.01
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzéèàç,.  ']
/** Blocks that hold text; lists and list items are walked down to their paragraphs. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading'])
/** Server setting: the default (100 per connection) is for people typing, not for a bench. */
const ENV = { MAX_MESSAGES_PER_SECOND: '100000' }

deadline('editing bench', 6)

// ---------------------------------------------------------------- keystrokes

type Keystroke = 'insert' | 'delete' | 'enter'

/** A random text block: walks down from the body, a random child at each level. */
const randomBlock = (body: Y.XmlFragment, gen: prng.PRNG): Y.XmlElement => {
  let node: unknown = body
  while (!(node instanceof Y.XmlElement && TEXT_BLOCKS.has(node.nodeName))) {
    if (!(node instanceof Y.XmlFragment) || node.length === 0)
      throw new Error('the document has a block without text')
    node = node.get(prng.int32(gen, 0, node.length - 1))
  }
  return node
}

/**
 * Enter at `pos`: the text after it moves to a new block after this one, a paragraph (also
 * after a heading), or a new list item in a list; one transaction, as Tiptap writes it.
 * Returns the new paragraph.
 */
const split = (block: Y.XmlElement, text: Y.XmlText, pos: number): Y.XmlElement => {
  const paragraph = new Y.XmlElement('paragraph')
  const tail = text.toString().slice(pos)
  if (tail) paragraph.insert(0, [new Y.XmlText(tail)])
  const item = block.parent instanceof Y.XmlElement && block.parent.nodeName === 'listItem'
  const after = item ? (block.parent as Y.XmlElement) : block
  let created = paragraph
  if (item) {
    created = new Y.XmlElement('listItem')
    created.insert(0, [paragraph])
  }
  const container = after.parent as Y.XmlFragment
  container.doc?.transact(() => {
    text.delete(pos, text.length - pos)
    container.insert(container.toArray().indexOf(after) + 1, [created])
  })
  return paragraph
}

/** Where a client types next: a text block and a place in its text (null: the start). */
interface Caret {
  block: Y.XmlElement
  at: Y.RelativePosition | null
}

const textOf = (block: Y.XmlElement): Y.XmlText | null => {
  const first = block.get(0)
  return first instanceof Y.XmlText ? first : null
}

const caretAt = (block: Y.XmlElement, pos: number): Caret => {
  const text = textOf(block)
  return { block, at: text ? Y.createRelativePositionFromTypeIndex(text, pos) : null }
}

/** The index `caret` points to now, whatever the others typed meanwhile. */
const indexOf = (caret: Caret, text: Y.XmlText): number => {
  if (!caret.at || !text.doc) return 0
  const absolute = Y.createAbsolutePositionFromRelativePosition(caret.at, text.doc)
  return absolute && absolute.type === text ? absolute.index : text.length
}

/** One keystroke at `caret`, or at a random place when there is none; returns the new caret. */
const keystroke = (
  body: Y.XmlFragment,
  gen: prng.PRNG,
  caret: Caret | null,
): { kind: Keystroke; caret: Caret } => {
  const block = caret?.block ?? randomBlock(body, gen)
  const text = textOf(block)
  const pos = !text ? 0 : caret ? indexOf(caret, text) : prng.int32(gen, 0, text.length)
  const roll = prng.real53(gen)
  if (text && pos > 0 && roll < DELETE_SHARE) {
    text.delete(pos - 1, 1)
    return { kind: 'delete', caret: caretAt(block, pos - 1) }
  }
  if (text && roll >= 1 - ENTER_SHARE) {
    return { kind: 'enter', caret: caretAt(split(block, text, pos), 0) }
  }
  const char = prng.oneOf(gen, ALPHABET)
  // An empty paragraph has no Y.XmlText yet: the first character creates it.
  if (text) text.insert(pos, char)
  else block.insert(0, [new Y.XmlText(char)])
  return { kind: 'insert', caret: caretAt(block, pos + 1) }
}

// ---------------------------------------------------------------- helpers

const connect = async (server: BenchServer, workshopId: string, token: string) => {
  const client = connectClient(server.syncUrl, workshopId, token)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no sync in 20 s: ${server.output.join('')}`)),
      20_000,
    )
  })
  await Promise.race([synced(client), timeout]).finally(() => clearTimeout(timer))
  return client
}

const bodyOf = (client: TestClient, documentId: string): Y.XmlFragment => {
  const body = documentBody(client.doc, documentId)
  if (!body) throw new Error(`document ${documentId} missing from a client`)
  return body
}

/** SyncStep1 of a device that never opened the workshop (an empty state vector). */
const FIRST_SYNC_STEP1 = new Uint8Array([MessageType.sync, syncProtocol.messageYjsSyncStep1, 1, 0])
const isSyncStep2 = (frame: Uint8Array): boolean =>
  frame[0] === MessageType.sync && frame[1] === syncProtocol.messageYjsSyncStep2

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i])

/** Database and WAL file of a data directory, in bytes. */
const onDisk = (dataDir: string): number =>
  ['fabrique.sqlite', 'fabrique.sqlite-wal'].reduce(
    (n, file) => n + (statSync(path.join(dataDir, file), { throwIfNoEntry: false })?.size ?? 0),
    0,
  )

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`
const ms = (n: number): string => `${n.toFixed(1)} ms`
const count = (n: number): string => Math.round(n).toLocaleString('en-US')

// ---------------------------------------------------------------- session

console.log(
  `editing bench: ${CLIENTS} clients, ${count(KEYSTROKES)} keystrokes (seed ${SEED}, pattern ${PATTERN}), template ${TEMPLATE}, bursts of ${BURST}, window ${WINDOW}`,
)
const dataDir = tempDir('fabrique-editing-')
let server = await startServer(dataDir, { env: ENV })
const workshop = await createWorkshop(server.url, { title: 'Édition', template: TEMPLATE })
const token = workshop.tokens.participant
const clients = await Promise.all(
  Array.from({ length: CLIENTS }, () => connect(server, workshop.id, token)),
)
const documentId = listDocuments((clients[0] as TestClient).doc)[0]?.id
if (!documentId) throw new Error(`template ${TEMPLATE} has no document`)
const bodies = clients.map((client) => bodyOf(client, documentId))

// What the clients send: without compaction, the server's log would hold all of it.
let sentUpdates = 0
let sentBytes = 0
for (const client of clients) {
  client.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) return
    sentUpdates++
    sentBytes += update.byteLength
  })
}

/** How many of client `i`'s characters (clock) the client furthest behind lacks. */
const lag = (i: number): number => {
  const id = (clients[i] as TestClient).doc.clientID
  const own = Y.getState((clients[i] as TestClient).doc.store, id)
  return own - Math.min(...clients.map((client) => Y.getState(client.doc.store, id)))
}

const gen = prng.create(SEED)
const carets: Array<Caret | null> = clients.map(() => null)
const kinds: Record<Keystroke, number> = { insert: 0, delete: 0, enter: 0 }
const serverCpuStart = cpuSeconds(server.pid)
const ownCpuStart = process.cpuUsage()
const machineStart = machineCpu()
const started = performance.now()
let typed = 0
let nextReport = KEYSTROKES / 5
while (typed < KEYSTROKES) {
  let typing = false
  for (let i = 0; i < CLIENTS; i++) {
    if (lag(i) > WINDOW) continue
    typing = true
    const body = bodies[i] as Y.XmlFragment
    for (let k = 0; k < BURST && typed < KEYSTROKES; k++) {
      const moves = PATTERN === 'random' || prng.real53(gen) < CARET_MOVE_SHARE
      const stroke = keystroke(body, gen, moves ? null : (carets[i] ?? null))
      carets[i] = stroke.caret
      kinds[stroke.kind]++
      typed++
    }
  }
  if (typed >= nextReport) {
    const s = (performance.now() - started) / 1000
    console.log(`  ${count(typed)} keystrokes in ${s.toFixed(1)} s (${count(typed / s)}/s)`)
    nextReport += KEYSTROKES / 5
  }
  // Let the sockets move; when every client waits for the others, do not spin.
  await (typing ? new Promise((resolve) => setImmediate(resolve)) : sleep(1))
}
const typingMs = performance.now() - started

const converged = (): boolean => {
  const vector = Y.encodeStateVector((clients[0] as TestClient).doc)
  if (!clients.every((client) => sameBytes(Y.encodeStateVector(client.doc), vector))) return false
  const text = (bodies[0] as Y.XmlFragment).toString()
  return bodies.every((body) => body.toString() === text)
}
await waitFor(`the ${CLIENTS} clients to converge`, converged, 60_000)
const totalMs = performance.now() - started
const serverCpu = cpuSeconds(server.pid) - serverCpuStart
const ownCpuUsage = process.cpuUsage(ownCpuStart)
const ownCpu = (ownCpuUsage.user + ownCpuUsage.system) / 1e6
const machineEnd = machineCpu()
// Other work on these cores slows every figure down: it is printed with them.
const machineBusy = machineEnd.busy - machineStart.busy
const outsideCpu = machineBusy - serverCpu - ownCpu
const finalXml = (bodies[0] as Y.XmlFragment).toString()
const plainText = readPlainText(bodies[0] as Y.XmlFragment)
const state = Y.encodeStateAsUpdate((clients[0] as TestClient).doc)
// A client answers each acknowledgement (a SyncStep1 with the server's state vector) with a
// SyncStep2 holding what the server lacks: nothing, but always the whole delete set.
const ackReply = Y.encodeStateAsUpdate(
  (clients[0] as TestClient).doc,
  Y.encodeStateVector((clients[0] as TestClient).doc),
)

// ---------------------------------------------------------------- storage

// Read beside the running server (SQLite in WAL mode lets another connection read; a second
// SqliteStorage would be refused the data directory).
const beside = new Database(path.join(dataDir, 'fabrique.sqlite'), { readonly: true })
const roomStats = roomStatsQuery(beside)
const live = roomStats(workshop.id)
const liveDisk = onDisk(dataDir)
// The last client leaving unloads the room; the server then compacts it in the background.
const leftAt = performance.now()
for (const client of clients) client.destroy()
let compacted = live
while (compacted.updateCount > 0) {
  if (performance.now() - leftAt > 60_000) throw new Error('the room was not compacted in 60 s')
  await sleep(20)
  compacted = roomStats(workshop.id)
}
const compactedAfterMs = performance.now() - leftAt
beside.close()
await server.stop()
const compactedDisk = onDisk(dataDir)

// ---------------------------------------------------------------- cold loads

/** The `ms` of each "room loaded" line the server logged (at info), and how many rooms it unloaded. */
const roomLog = (logged: BenchServer): { loadMs: number[]; unloads: number } => {
  const lines = logged.output.join('').split('\n')
  return {
    loadMs: lines
      .filter((line) => line.includes('"msg":"room loaded"'))
      .map((line) => (JSON.parse(line) as { ms: number }).ms),
    unloads: lines.filter((line) => line.includes('"msg":"room unloaded"')).length,
  }
}

// A fresh server: the first connection finds its code cold too; the second one, after the
// room unloaded, measures the load of the stored room alone (the server logs its time at info).
server = await startServer(dataDir, { env: { ...ENV, LOG_LEVEL: 'info' } })
const serverLoads: Array<{ connectMs: number; serverMs: number }> = []
for (let i = 0; i < 2; i++) {
  const connectStarted = performance.now()
  const reader = await connect(server, workshop.id, token)
  const connectMs = performance.now() - connectStarted
  if (bodyOf(reader, documentId).toString() !== finalXml)
    throw new Error(
      'the document a new client loaded differs from the one the 5 clients converged on',
    )
  reader.destroy()
  await waitFor('the server to log the room unloaded', () => roomLog(server).unloads > i, 10_000)
  serverLoads.push({ connectMs, serverMs: roomLog(server).loadMs[i] ?? Number.NaN })
}

// A workshop starts: JOINERS new devices open it at once (empty state vectors), the room not
// loaded. Time until the last one has received the document (its SyncStep2, not applied:
// applying is each device's own work).
const joinStarted = performance.now()
const joinMs = await Promise.all(
  Array.from({ length: JOINERS }, async () => {
    const socket = await openRaw(server.syncUrl, workshop.id, token)
    socket.ws.send(FIRST_SYNC_STEP1)
    await waitFor('a SyncStep2', () => socket.received.some(isSyncStep2), 20_000)
    socket.ws.terminate()
    return performance.now() - joinStarted
  }),
)
await server.stop()

const cold = new SqliteStorage(dataDir)
const readMs: number[] = []
const applyMs: number[] = []
for (let i = 0; i < 6; i++) {
  const readStarted = performance.now()
  const room = await cold.loadRoom(workshop.id)
  const applyStarted = performance.now()
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    if (room.snapshot) Y.applyUpdate(doc, room.snapshot)
    for (const update of room.updates) Y.applyUpdate(doc, update)
  })
  applyMs.push(performance.now() - applyStarted)
  readMs.push(applyStarted - readStarted)
  if (documentBody(doc, documentId)?.toString() !== finalXml)
    throw new Error('the stored document differs from the one the 5 clients converged on')
  doc.destroy()
}
await cold.close()
/** First (cold) figure and median of the others. */
const firstAndMedian = (values: number[]): string => {
  const rest = values.slice(1).sort((a, b) => a - b)
  return `first ${ms(values[0] ?? Number.NaN)}, median of next ${rest.length} ${ms(rest[Math.floor(rest.length / 2)] ?? Number.NaN)}`
}

// ---------------------------------------------------------------- report

const seconds = totalMs / 1000
const percent = (cpu: number): string => `${((cpu / seconds) * 100).toFixed(0)} %`
const [first, second] = serverLoads
console.log('')
console.log(
  `keystrokes               ${count(KEYSTROKES)}: ${count(kinds.insert)} insertions, ${count(kinds.delete)} deletions, ${count(kinds.enter)} Enter`,
)
console.log(
  `typing time              ${(typingMs / 1000).toFixed(1)} s → ${count(KEYSTROKES / (typingMs / 1000))} keystrokes/s`,
)
console.log(`converged after typing   ${ms(totalMs - typingMs)} (all ${CLIENTS} identical)`)
console.log(`total time               ${seconds.toFixed(1)} s`)
console.log(
  `CPU (share of one core)  server ${percent(serverCpu)} (${((serverCpu / KEYSTROKES) * 1000).toFixed(2)} ms per keystroke), the ${CLIENTS} clients ${percent(ownCpu)}, other processes ${percent(outsideCpu)}; machine ${((machineBusy / (machineEnd.total - machineStart.total)) * 100).toFixed(0)} % busy`,
)
console.log(
  `document                 ${count(plainText.length)} characters in ${count(plainText.split('\n').length)} blocks`,
)
console.log(
  `encoded state            ${kb(state.byteLength)} (Y.encodeStateAsUpdate, whole workshop)`,
)
console.log(
  `reply to each ack        ${kb(ackReply.byteLength)} at the end (a client's SyncStep2: the whole delete set)`,
)
console.log(
  `updates sent             ${count(sentUpdates)}, ${kb(sentBytes)} (the log without compaction)`,
)
console.log(
  `stored, end of session   snapshot ${kb(live.snapshotBytes)} + ${count(live.updateCount)} updates ${kb(live.updateBytes)}; on disk (database + WAL) ${kb(liveDisk)}`,
)
console.log(
  `stored, after compaction snapshot ${kb(compacted.snapshotBytes)} + ${count(compacted.updateCount)} updates (compacted ${ms(compactedAfterMs)} after the last client left); on disk ${kb(compactedDisk)}`,
)
console.log(
  `cold load, fresh server  new client's connect to synced ${ms(first?.connectMs ?? Number.NaN)} (server's room load ${ms(first?.serverMs ?? Number.NaN)}); again once unloaded ${ms(second?.connectMs ?? Number.NaN)} (room load ${ms(second?.serverMs ?? Number.NaN)})   target: a 1 MB room ≤ 150 ms`,
)
console.log(
  `${JOINERS} new devices join  at once, the room unloaded: the first has the document after ${ms(Math.min(...joinMs))}, the last after ${ms(Math.max(...joinMs))}`,
)
console.log(
  `cold load, in process    SqliteStorage.loadRoom ${firstAndMedian(readMs)}; apply into a Y.Doc ${firstAndMedian(applyMs)}`,
)
process.exit(0)
