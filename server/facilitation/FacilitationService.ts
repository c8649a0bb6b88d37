import type { Logger } from 'pino'
import type { Participation } from '../../shared/api.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../../shared/groups.ts'
import { parseRoomName, roomName } from '../../shared/rooms.ts'
import {
  addBox,
  type BoxItem,
  canvasMap,
  deleteItems,
  getCanvas,
  getParticipant,
  listCanvases,
  listParticipants,
  readCanvasContent,
  readFlow,
  readItem,
  resizeItem,
} from '../../shared/schema/index.ts'
import { participantId as participantIdSchema } from '../../shared/schema/participants.ts'
import { forgetParticipant } from '../../shared/schema/privacy.ts'
import { layoutReveal } from '../../shared/schema/revealLayout.ts'
import { workshopToTemplate } from '../../shared/schema/toTemplate.ts'
import {
  type Ballot,
  ballotToCount,
  PRIVATE_VOTES_ROOT,
  readResult,
  tally,
  type VoteResult,
  voteItems,
  writeResult,
} from '../../shared/schema/votes.ts'
import type { Localized } from '../../shared/template.ts'
import { describeIssues } from '../../shared/validation.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Storage } from '../storage/Storage.ts'
import { participantOwner } from '../sync/Connection.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import { RoomLoadError } from '../sync/Room.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'

/** How long after a ballot changes the running totals of an open (not hidden) vote are republished. */
const LIVE_TALLY_MS = 250

/** Fisher–Yates with crypto randomness: the reveal order must not hint at who wrote what. */
const shuffle = <T>(list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = (crypto.getRandomValues(new Uint32Array(1))[0] as number) % (i + 1)
    ;[list[i], list[j]] = [list[j] as T, list[i] as T]
  }
  return list
}

/**
 * What the facilitator asks the server to do across documents: reveal the notes written in
 * private, close a vote and publish its totals. Only the server reads every private document,
 * so nothing private ever reaches another participant's browser.
 */
export class FacilitationService {
  /** Updates stored per workshop and participant since the server started (for the balance). */
  private readonly edits = new Map<string, Map<string, number>>()
  private readonly liveTallies = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly log: Logger,
  ) {
    sync.onStored((roomId, senders) => {
      const address = parseRoomName(roomId)
      if (!address) return
      const counts = this.edits.get(address.workshopId) ?? new Map<string, number>()
      this.edits.set(address.workshopId, counts)
      for (const { participantId } of senders) {
        if (participantId) counts.set(participantId, (counts.get(participantId) ?? 0) + 1)
      }
      if (address.kind === 'private' && senders.length > 0)
        this.scheduleLiveTally(address.workshopId)
    })
  }

  /**
   * Who is contributing, by partner group and by person: notes on the shared canvases, edits
   * (updates stored since the server started), ballots cast. For the facilitator only.
   */
  async participation(workshopId: string, token: string | null): Promise<Participation> {
    await this.requireFacilitator(workshopId, token)
    const identities = await this.storage.listParticipants(workshopId)
    const { people, anonymousNotes } = await this.sync.withRoom(workshopId, (room) => {
      const notesBy = new Map<string, number>()
      let anonymous = 0
      for (const canvas of listCanvases(room.doc)) {
        for (const item of readCanvasContent(room.doc, canvas.id).items) {
          if (item.kind !== 'note' && item.kind !== 'text') continue
          if (item.createdBy === '') anonymous++
          else notesBy.set(item.createdBy, (notesBy.get(item.createdBy) ?? 0) + 1)
        }
      }
      const edits = this.edits.get(workshopId)
      return {
        anonymousNotes: anonymous,
        people: listParticipants(room.doc).map((p) => ({
          id: p.id,
          name: p.name,
          group: p.group,
          notes: notesBy.get(p.id) ?? 0,
          edits: edits?.get(p.id) ?? 0,
          votes: 0,
        })),
      }
    })
    const known = new Set(identities.map((identity) => identity.participantId))
    for (const person of people) {
      if (!known.has(person.id)) continue
      person.votes = await this.sync.withRoom(
        roomName({ kind: 'private', workshopId, participantId: person.id }),
        (room) => room.doc.getMap(PRIVATE_VOTES_ROOT).size,
      )
    }
    const byGroup = Object.fromEntries(
      PARTNER_GROUPS.map((group) => {
        const members = people.filter((person) => person.group === group)
        const sum = (key: 'notes' | 'edits' | 'votes') =>
          members.reduce((n, person) => n + person[key], 0)
        return [
          group,
          { people: members.length, notes: sum('notes'), edits: sum('edits'), votes: sum('votes') },
        ]
      }),
    ) as Participation['byGroup']
    return { byGroup, people, anonymousNotes }
  }

  /** For a vote that is not hidden, republishes the running totals shortly after a ballot changes. */
  private scheduleLiveTally(workshopId: string): void {
    if (this.liveTallies.has(workshopId)) return
    const timer = setTimeout(() => {
      this.liveTallies.delete(workshopId)
      this.publishLiveTally(workshopId).catch((error: unknown) =>
        this.log.error({ err: error, room: workshopId }, 'live tally failed'),
      )
    }, LIVE_TALLY_MS)
    timer.unref()
    this.liveTallies.set(workshopId, timer)
  }

  private async publishLiveTally(workshopId: string): Promise<void> {
    const phase = await this.sync.withRoom(workshopId, (room) => {
      const flow = readFlow(room.doc)
      const current = flow.status === 'running' ? flow.phase : null
      const open =
        current?.vote && !current.vote.hidden && !readResult(room.doc, current.id)?.closed
      return open ? current : null
    })
    if (!phase) return
    const result = await this.tallyVote(workshopId, phase.id, false)
    await this.sync.withRoom(workshopId, (room) => {
      if (!readResult(room.doc, phase.id)?.closed)
        writeResult(room.doc, phase.id, result, SERVER_ACTIONS.results)
    })
  }

  /**
   * Copies every participant's private notes on `canvasId` into the shared canvas, then
   * removes them from the private documents. Anonymous: the notes carry no author and no
   * group, are written by the server itself in a random order, all at once, laid out afresh
   * (`layoutReveal`).
   */
  async reveal(
    workshopId: string,
    token: string | null,
    input: { canvasId: string; anonymous: boolean },
  ) {
    await this.requireFacilitator(workshopId, token)
    const notes: Array<{ participantId: string; item: BoxItem }> = []
    for (const { participantId } of await this.storage.listParticipants(workshopId)) {
      await this.sync.withRoom(roomName({ kind: 'private', workshopId, participantId }), (room) => {
        if (!canvasMap(room.doc, input.canvasId)) return
        const mine = readCanvasContent(room.doc, input.canvasId).items.filter(
          (item): item is BoxItem => item.kind === 'note' || item.kind === 'text',
        )
        if (mine.length === 0) return
        for (const item of mine) notes.push({ participantId, item })
        deleteItems(
          room.doc,
          input.canvasId,
          mine.map((item) => item.id),
          SERVER_ACTIONS.reveal,
        )
      })
    }
    await this.sync.withRoom(workshopId, (room) => {
      if (!getCanvas(room.doc, input.canvasId))
        throw new HttpError(404, `no canvas ${input.canvasId}`)
      const ordered = input.anonymous ? shuffle(notes) : notes
      // Anonymous: laid out afresh, since where a private note was tells whose it is.
      const layout = input.anonymous
        ? layoutReveal(
            readCanvasContent(room.doc, input.canvasId).items.filter(
              (item): item is BoxItem => item.kind !== 'connector',
            ),
            ordered.map(({ item }) => item),
          )
        : null
      room.doc.transact(() => {
        for (const [frameId, h] of layout?.frameHeights ?? []) {
          const frame = readItem(room.doc, input.canvasId, frameId)
          if (frame && frame.kind === 'frame')
            resizeItem(room.doc, input.canvasId, frameId, { ...frame, h }, SERVER_ACTIONS.reveal)
        }
        ordered.forEach(({ participantId, item }, i) => {
          const place = layout?.places[i] ?? item
          addBox(
            room.doc,
            input.canvasId,
            {
              kind: item.kind,
              x: place.x,
              y: place.y,
              w: place.w,
              h: place.h,
              text: item.text,
              colour: input.anonymous ? null : item.colour,
              group: input.anonymous
                ? null
                : (getParticipant(room.doc, participantId)?.group ?? null),
              createdBy: input.anonymous ? '' : participantId,
            },
            SERVER_ACTIONS.reveal,
          )
        })
      }, SERVER_ACTIONS.reveal)
    })
    return { revealed: notes.length }
  }

  /**
   * Forgets a person, at their own request (with their secret) or the facilitator's: their
   * identity stops working at once (their connections close with 4401, a later one is refused
   * as unknown), their record and authorship leave the workshop, its log and every version,
   * their private document (private notes, ballots) is deleted, and an open vote no longer
   * counts them. What they wrote with the group stays, unsigned. The facilitator may ask again
   * (200: nothing is left); an id without identity is unknown to anyone else (404).
   */
  async forget(
    workshopId: string,
    token: string | null,
    participantId: string,
    secret: string | null,
  ) {
    const id = participantIdSchema.safeParse(participantId)
    if (!id.success) throw new HttpError(400, `participantId: ${describeIssues(id.error)}`)
    const session = await this.workshops.session(workshopId, token)
    if (session.role !== 'facilitator') {
      if (!(await this.storage.findParticipant(workshopId, participantId))) {
        throw new HttpError(404, `no participant ${participantId} in this workshop to forget`)
      }
      if (!(await this.workshops.isParticipant(workshopId, participantId, secret))) {
        throw new HttpError(
          403,
          'only this person (with their secret) or the facilitator can remove their name',
        )
      }
    }
    // The identity first: from here on nobody can be them, so nothing re-adds their record.
    await this.storage.removeParticipant(workshopId, participantId)
    await this.sync.forgetParticipant(workshopId, participantId)
    const names = await this.sync.withRoom(workshopId, async (room) => {
      const name = getParticipant(room.doc, participantId)?.name
      forgetParticipant(room.doc, participantId, SERVER_ACTIONS.forget)
      await room.whenDurable()
      return name === undefined ? [] : [name]
    })
    await this.storage.eraseParticipant({
      workshopId,
      participantId,
      privateRoomId: roomName({ kind: 'private', workshopId, participantId }),
      clientOwner: participantOwner(participantId),
      names,
    })
    this.edits.get(workshopId)?.delete(participantId)
    this.log.info({ room: workshopId, participant: participantId }, 'participant forgotten')
    this.scheduleLiveTally(workshopId)
    return { forgotten: participantId }
  }

  /** The workshop's structure (phases, canvases, frames, notes) in the template format. */
  async workshopAsTemplate(
    workshopId: string,
    token: string | null,
    meta: { id: string; title: Localized; description: Localized },
  ): Promise<Record<string, unknown>> {
    await this.requireFacilitator(workshopId, token)
    return this.sync.withRoom(workshopId, (room) => workshopToTemplate(room.doc, meta))
  }

  /** Closes the vote of a phase: tallies every ballot and publishes the totals (no names). */
  async closeVote(workshopId: string, token: string | null, phaseId: string): Promise<VoteResult> {
    await this.requireFacilitator(workshopId, token)
    const result = await this.tallyVote(workshopId, phaseId, true)
    await this.sync.withRoom(workshopId, (room) =>
      writeResult(room.doc, phaseId, result, SERVER_ACTIONS.results),
    )
    return result
  }

  /**
   * The totals of a phase's vote, by partner group (the workshop's `participants` registry; no
   * record counts as `other`). One ballot never stops the tally: one that is malformed or breaks
   * the rules is left out, dots on what is not an item of the vote are not counted, and both are
   * logged (room, participant, reason).
   */
  private async tallyVote(
    workshopId: string,
    phaseId: string,
    closed: boolean,
  ): Promise<VoteResult> {
    const participants = await this.storage.listParticipants(workshopId)
    // The workshop room stays loaded throughout: each ballot's ids are checked against it.
    return this.sync.withRoom(workshopId, async (room) => {
      const phase = readFlow(room.doc).phases.find((candidate) => candidate.id === phaseId)
      const vote = phase?.vote
      if (!vote) throw new HttpError(404, `phase "${phaseId}" has no vote`)
      const isItem = voteItems(room.doc, phase)
      const groups = new Map(listParticipants(room.doc).map((p) => [p.id, p.group]))
      const ballots: Array<{ group: PartnerGroup; ballot: Ballot }> = []
      for (const { participantId } of participants) {
        const privateRoom = roomName({ kind: 'private', workshopId, participantId })
        const about = { room: privateRoom, participant: participantId }
        const counted = await this.sync
          .withRoom(privateRoom, (own) => ballotToCount(own.doc, vote, phaseId, isItem))
          .catch((error: unknown) => {
            // Stored before the bounds existed: that one ballot cannot be read (see repair).
            if (error instanceof RoomLoadError) return { problem: error.message }
            throw error
          })
        if (counted === null) continue
        if ('problem' in counted) {
          this.log.warn({ ...about, reason: counted.problem }, 'ballot not counted')
          continue
        }
        if (counted.notItems.length > 0) {
          // Also an honest case: an item deleted after it got dots.
          const reason = `${counted.notItems.length} ids are not items of this vote`
          this.log.info({ ...about, reason }, 'dots not counted')
        }
        ballots.push({ group: groups.get(participantId) ?? 'other', ballot: counted.ballot })
      }
      return tally(vote, ballots, closed)
    })
  }

  private async requireFacilitator(workshopId: string, token: string | null) {
    const session = await this.workshops.session(workshopId, token)
    if (session.role !== 'facilitator') throw new HttpError(403, 'only the facilitator can do this')
  }
}
