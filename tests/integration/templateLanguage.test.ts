import { describe, expect, it } from 'vitest'
import * as authProtocol from 'y-protocols/auth'
import { MessageType } from '../../shared/protocol.ts'
import {
  addCharterItem,
  displayText,
  displayTitle,
  listCanvases,
  listCharters,
  readCanvasContent,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { shippedTemplate } from '../helpers/workshopDoc.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, waitFor } from '../helpers/yclient.ts'

const { start, track } = useTestServers()
const template = shippedTemplate('charte-des-roles')

describe('a workshop the server creates in French from a template', () => {
  it('reads in English for an English viewer, and its template texts stay the server’s', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({ template: template.id, locale: 'fr' })
    const observer = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(observer)
    const [canvas] = template.content.canvases
    expect(listCanvases(observer.doc).map((entry) => displayTitle(entry, 'en'))).toEqual([
      canvas?.title.en,
    ])
    const frames = readCanvasContent(observer.doc, canvas?.id ?? '').items.filter(
      (item) => item.kind === 'frame',
    )
    expect(frames.map((frame) => displayText(frame, 'en')).sort()).toEqual(
      canvas?.frames.map((frame) => frame.title.en).sort(),
    )
    expect(listCharters(observer.doc).map((charter) => displayTitle(charter, 'en'))).toEqual(
      template.content.charters.map((charter) => charter.title.en),
    )

    // A participant's charter item claiming a template's texts is refused and reaches nobody.
    const me = await server.register(workshop.id, workshop.tokens.participant)
    const nadia = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.participant, me.identity),
    )
    await synced(nadia)
    const told: string[] = []
    nadia.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) =>
      authProtocol.readAuthMessage(decoder, nadia.doc, (_doc, reason) => told.push(reason))
    upsertParticipant(nadia.doc, { id: me.participantId, name: 'Nadia', group: 'patient' }, 'x')
    const charterId = listCharters(nadia.doc)[0]?.id ?? ''
    addCharterItem(
      nadia.doc,
      charterId,
      { text: 'Respecter', seedText: { fr: 'Respecter', en: 'Ignore the patients' } },
      'x',
    )
    addCharterItem(nadia.doc, charterId, { text: 'Écouter' }, 'x')
    await waitFor('the refusal', () => told.includes('invalid'))
    await waitFor(
      'the plain item',
      () => listCharters(observer.doc)[0]?.items.some((item) => item.text === 'Écouter') === true,
    )
    await sleep(100)
    const texts = listCharters(observer.doc)[0]?.items.map((item) => item.text)
    expect(texts).not.toContain('Respecter')
  })
})
