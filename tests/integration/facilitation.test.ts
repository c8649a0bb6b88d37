import { describe, expect, it } from 'vitest'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  canvasMap,
  goToPhase,
  listCanvases,
  moveItems,
  readCanvasContent,
  readFlow,
  readItem,
  setItemText,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { readBallot, readResult, setDots } from '../../shared/schema/votes.ts'
import { received, useWitnessedWorkshop, type Witness } from '../helpers/witnesses.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const setting = useWitnessedWorkshop('groupe-nominal', { overrides: { liveTallyMs: 200 } })
const { track, person } = setting
const O = 'test'

const api = (path: string, token: string, body?: unknown) =>
  fetch(`${setting.server.url}/api/workshops/${setting.workshop.id}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe('private writing, reveal and votes', () => {
  it("keeps private notes out of other participants' browsers, then reveals them anonymously", async () => {
    const facilitator = track(
      connectClient(
        setting.server.syncUrl,
        setting.workshop.id,
        setting.workshop.tokens.facilitator,
      ),
    )
    await synced(facilitator)
    const ana = await person('Ana', 'patient')
    const bob = await person('Bob', 'citizen')
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const privateWriting = readFlow(facilitator.doc).phases.findIndex(
      (p) => p.allow.write && !p.allow.seeOthers,
    )
    goToPhase(facilitator.doc, privateWriting, O)
    await waitFor('the private phase', () => readFlow(ana.shared.doc).phaseIndex === privateWriting)

    ensurePrivateCanvas(ana.own.doc, canvasId, 'Privé', O)
    addBox(
      ana.own.doc,
      canvasId,
      { kind: 'note', x: 40, y: 40, text: 'Secret d’Ana', group: 'patient', createdBy: ana.id },
      O,
    )
    // Ana's other device: once it has the note, the server has it.
    const watch = track(
      connectClient(
        setting.server.syncUrl,
        roomName({ kind: 'private', workshopId: setting.workshop.id, participantId: ana.id }),
        setting.workshop.tokens.participant,
        { participant: ana.id, secret: ana.secret },
      ),
    )
    await waitFor(
      'the note stored on the server',
      () =>
        canvasMap(watch.doc, canvasId) !== null &&
        readCanvasContent(watch.doc, canvasId).items.some((item) => item.text === 'Secret d’Ana'),
    )
    await sleep(100)
    const shared = (client: TestClient) =>
      readCanvasContent(client.doc, canvasId).items.map((item) => item.text)
    expect(shared(bob.shared)).not.toContain('Secret d’Ana')
    expect(received(bob.wire, 'Secret d’Ana')).toBe(false)

    expect(
      (await api('/reveal', setting.workshop.tokens.participant, { canvasId, anonymous: true }))
        .status,
    ).toBe(403)
    const reveal = await api('/reveal', setting.workshop.tokens.facilitator, {
      canvasId,
      anonymous: true,
    })
    expect(reveal.status).toBe(200)
    expect(await reveal.json()).toEqual({ revealed: 1 })
    await waitFor('the revealed note at Bob', () => shared(bob.shared).includes('Secret d’Ana'))
    const note = readCanvasContent(bob.shared.doc, canvasId).items.find(
      (item) => item.text === 'Secret d’Ana',
    )
    expect(note).toMatchObject({ createdBy: '', group: null, colour: null })
    await waitFor('the reveal on the wire', () => received(bob.wire, 'Secret d’Ana'))
    // Nothing Bob's browser received links the note to Ana.
    expect(received(bob.wire, ana.id)).toBe(false)
    await waitFor(
      'the private copy removed',
      () => readCanvasContent(ana.own.doc, canvasId).items.length === 0,
    )
  })

  it('enforces dot budgets and caps on the server, hides ballots, and publishes totals', async () => {
    const facilitator = track(
      connectClient(
        setting.server.syncUrl,
        setting.workshop.id,
        setting.workshop.tokens.facilitator,
      ),
    )
    await synced(facilitator)
    const ana = await person('Ana', 'patient')
    const bob = await person('Bob', 'clinician')
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const idea = addBox(facilitator.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Idée A' }, O)
    const other = addBox(
      facilitator.doc,
      canvasId,
      { kind: 'note', x: 200, y: 0, text: 'Idée B' },
      O,
    )
    const index = readFlow(facilitator.doc).phases.findIndex((p) => p.vote?.kind === 'dots')
    const phase = readFlow(facilitator.doc).phases[index]
    if (phase?.vote?.kind !== 'dots') throw new Error('the template has no dot vote')
    const { budget, perItemCap } = phase.vote
    goToPhase(facilitator.doc, index, O)
    await waitFor(
      'the vote phase',
      () => readFlow(ana.own.doc) !== null && readFlow(ana.shared.doc).phaseIndex === index,
    )

    const dots = (p: Witness): Record<string, number> => {
      const ballot = readBallot(p.own.doc, phase.vote as NonNullable<typeof phase.vote>, phase.id)
      return ballot?.kind === 'dots' ? Object.fromEntries(ballot.dots) : {}
    }
    setDots(ana.own.doc, phase.id, idea, perItemCap, O)
    await sleep(100)
    expect(dots(ana)).toEqual({ [idea]: perItemCap })
    // Over the cap on one item: reverted by the server.
    setDots(ana.own.doc, phase.id, idea, perItemCap + 1, O)
    await waitFor('the cap to be enforced', () => dots(ana)[idea] === perItemCap)
    // Over the budget across items: reverted too.
    setDots(ana.own.doc, phase.id, other, budget, O)
    await waitFor('the budget to be enforced', () => dots(ana)[other] === undefined)
    setDots(bob.own.doc, phase.id, other, 1, O)
    await sleep(100)
    expect(readResult(bob.shared.doc, phase.id)).toBeNull()

    expect(
      (await api(`/votes/${phase.id}/close`, setting.workshop.tokens.participant)).status,
    ).toBe(403)
    const closed = await api(`/votes/${phase.id}/close`, setting.workshop.tokens.facilitator)
    expect(closed.status).toBe(200)
    await waitFor('the results at Bob', () => readResult(bob.shared.doc, phase.id) !== null)
    expect(readResult(bob.shared.doc, phase.id)).toMatchObject({
      kind: 'dots',
      closed: true,
      voters: 2,
      // Who voted, by group (what a decision drawn from it records): not what they voted.
      votersByGroup: { patient: 1, citizen: 0, clinician: 1, other: 0 },
      // One patient, one clinician: a breakdown by group would show each ballot.
      groups: { shown: [], folded: ['patient', 'clinician'] },
      items: {
        [idea]: { total: perItemCap, byGroup: {}, otherGroups: perItemCap },
        [other]: { total: 1, byGroup: {}, otherGroups: 1 },
      },
    })
    // A closed vote takes no more dots.
    setDots(bob.own.doc, phase.id, idea, 1, O)
    await waitFor('the late vote to be reverted', () => dots(bob)[idea] === undefined)
  })

  it('shows the facilitator the participation balance, and a visible vote live', async () => {
    const facilitator = track(
      connectClient(
        setting.server.syncUrl,
        setting.workshop.id,
        setting.workshop.tokens.facilitator,
      ),
    )
    await synced(facilitator)
    const ana = await person('Ana', 'patient')
    const bob = await person('Bob', 'clinician')
    const cleo = await person('Cleo', 'other')
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    addBox(
      ana.shared.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Un', createdBy: ana.id, group: 'patient' },
      O,
    )
    const two = addBox(
      ana.shared.doc,
      canvasId,
      { kind: 'note', x: 0, y: 200, text: 'Deux', createdBy: ana.id, group: 'patient' },
      O,
    )
    // Ana retypes her note, letter by letter; Bob moves it three times.
    for (const length of [1, 2, 3, 4])
      setItemText(ana.shared.doc, canvasId, two, 'Deux!'.slice(0, length), O)
    await waitFor('the note at Bob', () => readItem(bob.shared.doc, canvasId, two) !== null)
    for (let i = 0; i < 3; i++) moveItems(bob.shared.doc, canvasId, [two], { dx: 20, dy: 0 }, O)
    const moved = (item: ReturnType<typeof readItem>) => item?.kind === 'note' && item.x === 60
    await waitFor('the moves at the facilitator', () =>
      moved(readItem(facilitator.doc, canvasId, two)),
    )

    // Make the dot vote visible while it runs (the facilitator may edit the flow).
    const flow = facilitator.doc.getMap('flow')
    const phases = readFlow(facilitator.doc).phases.map((p) =>
      p.vote ? { ...p, vote: { ...p.vote, hidden: false } } : p,
    )
    flow.set('phases', phases)
    const index = phases.findIndex((p) => p.vote?.kind === 'dots')
    const phaseId = phases[index]?.id ?? ''
    goToPhase(facilitator.doc, index, O)
    await waitFor('the vote phase', () => readFlow(bob.shared.doc).phaseIndex === index)
    // Live totals come once 3 people's ballots changed, never split by group.
    for (const voter of [ana, bob, cleo]) setDots(voter.own.doc, phaseId, two, 1, O)
    await waitFor(
      'the live totals at Ana',
      () => readResult(ana.shared.doc, phaseId)?.closed === false,
    )
    expect(readResult(ana.shared.doc, phaseId)).toMatchObject({
      kind: 'dots',
      voters: 3,
      groups: null,
      items: { [two]: { total: 3, byGroup: {} } },
    })

    const get = (token: string) =>
      fetch(`${setting.server.url}/api/workshops/${setting.workshop.id}/participation`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    expect((await get(setting.workshop.tokens.participant)).status).toBe(403)
    const balance = await (await get(setting.workshop.tokens.facilitator)).json()
    // What people did: her two notes (however many keystrokes), the one note Bob moved; the
    // template's seed note is nobody's, not a note revealed without a name.
    expect(balance.byGroup.patient).toMatchObject({ people: 1, notes: 2, edits: 0 })
    expect(balance.byGroup.clinician).toMatchObject({ people: 1, notes: 0, edits: 1, votes: 1 })
    expect(balance.anonymousNotes).toBe(0)
    expect(balance.byGroup.citizen).toEqual({
      people: 0,
      notes: 0,
      privateNotes: 0,
      edits: 0,
      votes: 0,
    })
    expect(balance.people.map((p: { name: string }) => p.name).sort()).toEqual([
      'Ana',
      'Bob',
      'Cleo',
    ])
  })
})
