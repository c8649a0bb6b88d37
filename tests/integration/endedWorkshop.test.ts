import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { PARTICIPANT_HEADER, SECRET_HEADER } from '../../shared/api.ts'
import {
  addBox,
  documentBody,
  endWorkshop,
  getParticipant,
  goToPhase,
  listCanvases,
  listDocuments,
  readCanvasContent,
  readFlow,
  readPlainText,
  setItemText,
  upsertParticipant,
  writePlainText,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { joinAs } from '../helpers/people.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, sleep, synced, waitFor } from '../helpers/yclient.ts'

const { start, track } = useTestServers()
const O = 'test'

/** A consent round on a server of its own, its facilitator and Ana (a patient partner) in it. */
const consentRound = async () => {
  const server = await start()
  const workshop = await server.createWorkshop({ template: 'ronde-de-consentement' })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const ana = await joinAs(server, workshop.id, workshop.tokens.participant, 'Ana', 'patient')
  track(ana.shared)
  track(ana.own)
  return { server, workshop, facilitator, ana }
}

describe('a finished workshop', () => {
  it('takes no more changes from participants, only from the facilitator', async () => {
    const { facilitator, ana } = await consentRound()
    const told = refusalsOf(ana.shared)
    const toldPrivately = refusalsOf(ana.own)
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const proposal = listDocuments(facilitator.doc)[0]?.id ?? ''
    const body = (client: { doc: Y.Doc }) => documentBody(client.doc, proposal) as Y.XmlFragment
    const texts = () =>
      readCanvasContent(facilitator.doc, canvasId)
        .items.filter((item) => item.kind === 'note')
        .map((item) => item.text)

    // While it runs, in a step that lets people write, Ana writes.
    const writing = readFlow(facilitator.doc).phases.findIndex(
      (phase) => phase.allow.write && phase.allow.seeOthers,
    )
    goToPhase(facilitator.doc, writing, O)
    await waitFor('the step at Ana', () => readFlow(ana.shared.doc).phaseIndex === writing)
    const note = addBox(
      ana.shared.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Avant la fin', createdBy: ana.id, group: 'patient' },
      O,
    )
    await waitFor('her note at the facilitator', () => texts().includes('Avant la fin'))

    endWorkshop(facilitator.doc, O)
    await waitFor('the end at Ana', () => readFlow(ana.shared.doc).status === 'ended')
    addBox(
      ana.shared.doc,
      canvasId,
      { kind: 'note', x: 0, y: 300, text: 'Après la fin', createdBy: ana.id, group: 'patient' },
      O,
    )
    setItemText(ana.shared.doc, canvasId, note, 'Réécrite après la fin', O)
    writePlainText(body(ana.shared), 'Proposition réécrite après la fin')
    await waitFor('the refusal', () => told.includes('workshop.ended'))
    ensurePrivateCanvas(ana.own.doc, canvasId, 'Privé', O)
    await waitFor('the private refusal', () => toldPrivately.includes('workshop.ended'))
    await sleep(100)
    expect(texts()).toEqual(['Avant la fin'])
    expect(readPlainText(body(facilitator))).not.toContain('après la fin')
    await waitFor('her private space reverted', () => listCanvases(ana.own.doc).length === 0)

    // Her name is still hers to change.
    upsertParticipant(ana.shared.doc, { id: ana.id, name: 'Ana M.', group: 'patient' }, O)
    await waitFor(
      'her new name at the facilitator',
      () => getParticipant(facilitator.doc, ana.id)?.name === 'Ana M.',
    )
    // The facilitator still changes the workshop.
    addBox(facilitator.doc, canvasId, { kind: 'note', x: 0, y: 600, text: 'Synthèse' }, O)
    await waitFor('the synthesis at Ana', () =>
      readCanvasContent(ana.shared.doc, canvasId).items.some((item) => item.text === 'Synthèse'),
    )
  })

  it('refuses over HTTP too: a participant names no version and imports no archive', async () => {
    const { server, workshop, facilitator, ana } = await consentRound()
    const api = `${server.url}/api/workshops/${workshop.id}`
    const asAna = {
      Authorization: `Bearer ${workshop.tokens.participant}`,
      [PARTICIPANT_HEADER]: ana.id,
      [SECRET_HEADER]: ana.secret,
      'Content-Type': 'application/json',
    }
    const asFacilitator = {
      Authorization: `Bearer ${workshop.tokens.facilitator}`,
      'Content-Type': 'application/json',
    }
    const name = (headers: Record<string, string>, version: string) =>
      fetch(`${api}/versions`, { method: 'POST', headers, body: JSON.stringify({ name: version }) })
    const archive = JSON.stringify(
      await (await fetch(`${api}/export?token=${workshop.tokens.facilitator}`)).json(),
    )
    const importFrom = (headers: Record<string, string>) =>
      fetch(`${api}/import`, { method: 'POST', headers, body: archive })

    // While it runs, Ana names a version; importing an archive is the facilitator's.
    expect((await name(asAna, 'Pendant')).status).toBe(201)
    const refused = await importFrom(asAna)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: string }).error).toContain('facilitator')
    expect((await importFrom(asFacilitator)).status).toBe(201)

    endWorkshop(facilitator.doc, O)
    await waitFor('the end at Ana', () => readFlow(ana.shared.doc).status === 'ended')
    await sleep(100)
    const late = await name(asAna, 'Après la fin')
    expect(late.status).toBe(403)
    expect(((await late.json()) as { error: string }).error).toContain('ended')
    expect((await name(asFacilitator, 'Synthèse finale')).status).toBe(201)
    const versions = (await (
      await fetch(`${api}/versions?token=${workshop.tokens.observer}`)
    ).json()) as Array<{ name: string }>
    expect(versions.map((version) => version.name)).toEqual(['Pendant', 'Synthèse finale'])
  })
})
