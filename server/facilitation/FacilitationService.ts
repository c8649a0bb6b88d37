import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { ContributionCounts, Participation } from '../../shared/api.ts'
import { boxKind, isBox } from '../../shared/canvas/kinds/index.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../../shared/groups.ts'
import { parseRoomName, roomName } from '../../shared/rooms.ts'
import {
  addBox,
  type BoxItem,
  boxFieldValues,
  type CanvasItem,
  canvasMap,
  deleteItems,
  getCanvas,
  getParticipant,
  listCanvases,
  listParticipants,
  listSessions,
  readCanvasContent,
  readFlow,
  readItem,
  resizeItem,
} from '../../shared/schema/index.ts'
import { participantId as participantIdSchema } from '../../shared/schema/participants.ts'
import { forgetParticipant } from '../../shared/schema/privacy.ts'
import { layoutKept, layoutReveal } from '../../shared/schema/revealLayout.ts'
import { workshopToTemplate } from '../../shared/schema/toTemplate.ts'
import {
  type Ballot,
  ballotToCount,
  MIN_GROUP_VOTERS,
  type PhaseVote,
  PRIVATE_VOTES_ROOT,
  readResult,
  tally,
  type VoteResult,
  voteItems,
  writeResult,
} from '../../shared/schema/votes.ts'
import { SECTORS_OR_NONE } from '../../shared/sectors.ts'
import type { Localized } from '../../shared/template.ts'
import { describeIssues } from '../../shared/validation.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Storage } from '../storage/Storage.ts'
import { ownerParticipant, participantOwner } from '../sync/Connection.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import { RoomLoadError } from '../sync/Room.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'
import { madeWithWorkshop, piecesEdited } from './contributions.ts'
import { LiveTallyClock } from './LiveTallyClock.ts'

/** A ballot as the live totals compare it with the one published: equal ballots, equal keys. */
const ballotKey = (ballot: Ballot): string =>
  JSON.stringify(
    ballot.kind === 'dots'
      ? [...ballot.dots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : ballot,
  )

/** The ballots a live total was published with, by participant (see `publishLiveTally`). */
interface LiveBaseline {
  phaseId: string
  ballots: ReadonlyMap<string, string>
}

/** What counts as a note a person wrote: a box whose kind `countsAsNote` (notes and texts). */
const isNote = (item: CanvasItem): item is BoxItem => isBox(item) && boxKind(item.kind).countsAsNote

/** The ballots of a vote, each with its voter and their partner group at tally time. */
type CountedBallots = Array<{ participantId: string; group: PartnerGroup; ballot: Ballot }>

/** Each of `keys` with the people `keyOf` puts under it: how many, and their counts added up. */
const sumBy = <K extends string>(
  keys: readonly K[],
  people: ReadonlyArray<Participation['people'][number]>,
  keyOf: (person: Participation['people'][number]) => K,
): Record<K, ContributionCounts & { people: number }> => {
  const sums = Object.fromEntries(
    keys.map((key) => [key, { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 }]),
  ) as Record<K, ContributionCounts & { people: number }>
  for (const person of people) {
    const sum = sums[keyOf(person)]
    sum.people++
    sum.notes += person.notes
    sum.privateNotes += person.privateNotes
    sum.edits += person.edits
    sum.votes += person.votes
  }
  return sums
}

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
  private readonly live: LiveTallyClock
  private readonly liveBaselines = new Map<string, LiveBaseline>()

  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly log: Logger,
    options: { liveTallyMs: number },
  ) {
    this.live = new LiveTallyClock(options.liveTallyMs, log, (workshopId) =>
      this.publishLiveTally(workshopId),
    )
    sync.onStored((roomId, senders) => {
      const address = parseRoomName(roomId)
      if (address?.kind === 'private' && senders.length > 0) this.live.changed(address.workshopId)
    })
  }

  /** Stops the live totals' clocks (at shutdown). */
  close(): void {
    this.live.close()
  }

  /**
   * Who is contributing, by partner group and by person: notes on the shared canvases, private
   * notes not revealed yet (and how many wait on each canvas), pieces of the workshop edited
   * (each once per person), ballots cast. What the template put there counts for nobody. For
   * the facilitator only: how many, never what (no text, no ballot).
   */
  async participation(workshopId: string, token: string | null): Promise<Participation> {
    await this.requireFacilitator(workshopId, token)
    const { people, anonymousNotes, waiting } = await this.countContributions(workshopId)
    const byGroup = sumBy(PARTNER_GROUPS, people, (person) => person.group)
    const bySector = sumBy(SECTORS_OR_NONE, people, (person) => person.sector ?? 'none')
    const privateNotesByCanvas = [...waiting].map(([canvasId, total]) => ({ canvasId, ...total }))
    return { byGroup, bySector, people, anonymousNotes, privateNotesByCanvas }
  }

  /** What each person has contributed to the lab so far (see `participation`), for the server. */
  async contributionsByPerson(workshopId: string): Promise<Participation['people']> {
    return (await this.countContributions(workshopId)).people
  }

  private async countContributions(workshopId: string) {
    const identities = await this.storage.listParticipants(workshopId)
    const { people, anonymousNotes } = await this.sync.withRoom(workshopId, (room) => {
      const notesBy = new Map<string, number>()
      const seeded = madeWithWorkshop(room.doc)
      let anonymous = 0
      for (const canvas of listCanvases(room.doc)) {
        for (const item of readCanvasContent(room.doc, canvas.id).items) {
          if (!isNote(item) || seeded(canvas.id, item.id)) continue
          if (item.createdBy === '') anonymous++
          else notesBy.set(item.createdBy, (notesBy.get(item.createdBy) ?? 0) + 1)
        }
      }
      const edits = piecesEdited(room.doc, (client) => ownerParticipant(room.ownerOf(client)))
      return {
        anonymousNotes: anonymous,
        people: listParticipants(room.doc).map((p) => ({
          id: p.id,
          name: p.name,
          group: p.group,
          sector: p.sector ?? null,
          notes: notesBy.get(p.id) ?? 0,
          privateNotes: 0,
          edits: edits.get(p.id) ?? 0,
          votes: 0,
        })),
      }
    })
    const known = new Set(identities.map((identity) => identity.participantId))
    const waiting = new Map<string, { notes: number; people: number }>()
    for (const person of people) {
      if (!known.has(person.id)) continue
      const own = roomName({ kind: 'private', workshopId, participantId: person.id })
      const { onCanvases, votes } = await this.sync.withRoom(own, (room) => ({
        onCanvases: listCanvases(room.doc).map(
          (canvas) =>
            [
              canvas.id,
              readCanvasContent(room.doc, canvas.id).items.filter(isNote).length,
            ] as const,
        ),
        // A ballot whose every dot was taken back is no vote.
        votes: [...room.doc.getMap(PRIVATE_VOTES_ROOT).values()].filter(
          (ballot) => ballot instanceof Y.Map && ballot.size > 0,
        ).length,
      }))
      person.votes = votes
      for (const [canvasId, notes] of onCanvases) {
        if (notes === 0) continue
        person.privateNotes += notes
        const total = waiting.get(canvasId) ?? { notes: 0, people: 0 }
        waiting.set(canvasId, { notes: total.notes + notes, people: total.people + 1 })
      }
    }
    return { people, anonymousNotes, waiting }
  }

  /**
   * The live totals of the running vote, when it is visible: on the clock's tick, and only
   * once at least `MIN_GROUP_VOTERS` people's ballots differ from those the last published
   * totals counted (new, changed or gone). Two published live totals thus never differ by
   * fewer than 3 people's ballots, even for someone who can tell who just voted (the
   * facilitator's participation view says who has). Never split by group (see `tally`).
   * Resolves to whether such a vote is open.
   */
  private async publishLiveTally(workshopId: string): Promise<boolean> {
    const open = await this.sync.withRoom(workshopId, (room) => {
      const flow = readFlow(room.doc)
      const current = flow.status === 'running' ? flow.phase : null
      const published = current?.vote ? readResult(room.doc, current.id) : null
      return current?.vote && !current.vote.hidden && !published?.closed
        ? { phaseId: current.id, published: published !== null }
        : null
    })
    if (!open) {
      this.liveBaselines.delete(workshopId)
      return false
    }
    const { phaseId } = open
    const { vote, ballots } = await this.collectBallots(workshopId, phaseId)
    const now = new Map(
      ballots.map(({ participantId, ballot }) => [participantId, ballotKey(ballot)]),
    )
    const last = this.liveBaselines.get(workshopId)
    // Nothing published since this server started: totals published before (a restart) stand
    // for the ballots there are now; no totals, for no ballot.
    const baseline =
      last?.phaseId === phaseId ? last.ballots : open.published ? now : new Map<string, string>()
    const ids = new Set([...now.keys(), ...baseline.keys()])
    const changed = [...ids].filter((id) => now.get(id) !== baseline.get(id)).length
    const publish = changed >= MIN_GROUP_VOTERS
    this.liveBaselines.set(workshopId, { phaseId, ballots: publish ? now : baseline })
    if (!publish) return true
    const result = tally(vote, ballots, false)
    await this.sync.withRoom(workshopId, (room) => {
      if (!readResult(room.doc, phaseId)?.closed)
        writeResult(room.doc, phaseId, result, SERVER_ACTIONS.results)
    })
    return true
  }

  /**
   * Copies every participant's private notes on `canvasId` into the shared canvas, then
   * removes them from the private documents: only once they are there, so a reveal that fails
   * loses no note. Anonymous: the notes carry no author and no group, are written by the server
   * itself in a random order, all at once, laid out afresh (`layoutReveal`). Else each stays
   * where it was written unless another note is there, and goes into the frame it was written
   * into, grown as it must (`layoutKept`).
   */
  async reveal(
    workshopId: string,
    token: string | null,
    input: { canvasId: string; anonymous: boolean },
  ) {
    await this.requireFacilitator(workshopId, token)
    const notes: Array<{ participantId: string; item: BoxItem }> = []
    const privateRoom = (participantId: string) =>
      roomName({ kind: 'private', workshopId, participantId })
    const people = (await this.storage.listParticipants(workshopId)).map((p) => p.participantId)
    for (const participantId of people) {
      await this.sync.withRoom(privateRoom(participantId), (room) => {
        if (!canvasMap(room.doc, input.canvasId)) return
        const mine = readCanvasContent(room.doc, input.canvasId).items.filter(isNote)
        for (const item of mine) notes.push({ participantId, item })
      })
    }
    await this.sync.withRoom(workshopId, (room) => {
      if (!getCanvas(room.doc, input.canvasId))
        throw new HttpError(404, `no canvas ${input.canvasId}`)
      const ordered = input.anonymous ? shuffle(notes) : notes
      const boxes = readCanvasContent(room.doc, input.canvasId).items.filter(isBox)
      const items = ordered.map(({ item }) => item)
      // Anonymous: laid out afresh, since where a private note was tells whose it is. Else
      // where each was written, unless someone else's is there already.
      const layout = input.anonymous ? layoutReveal(boxes, items) : layoutKept(boxes, items)
      room.doc.transact(() => {
        for (const grow of layout.grows) {
          const frame = readItem(room.doc, input.canvasId, grow.frameId)
          if (frame && isBox(frame) && boxKind(frame.kind).holdsItems)
            resizeItem(
              room.doc,
              input.canvasId,
              grow.frameId,
              { ...frame, h: grow.h },
              SERVER_ACTIONS.reveal,
            )
        }
        ordered.forEach(({ participantId, item }, i) => {
          const place = layout.places[i] ?? item
          addBox(
            room.doc,
            input.canvasId,
            {
              kind: item.kind,
              ...boxFieldValues(item),
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
    for (const participantId of people) {
      const revealed = notes.filter((note) => note.participantId === participantId)
      if (revealed.length === 0) continue
      await this.sync.withRoom(privateRoom(participantId), (room) =>
        deleteItems(
          room.doc,
          input.canvasId,
          revealed.map(({ item }) => item.id),
          SERVER_ACTIONS.reveal,
        ),
      )
    }
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
    const { names, boardRooms } = await this.sync.withRoom(workshopId, async (room) => {
      const name = getParticipant(room.doc, participantId)?.name
      forgetParticipant(room.doc, participantId, SERVER_ACTIONS.forget)
      await room.whenDurable()
      return {
        names: name === undefined ? [] : [name],
        // The ended sessions' boards: their notes no longer name them either.
        boardRooms: listSessions(room.doc)
          .filter((session) => session.boards.length > 0)
          .map((session) => roomName({ kind: 'session', workshopId, sessionId: session.id })),
      }
    })
    for (const boards of boardRooms) {
      await this.sync.withRoom(boards, async (room) => {
        forgetParticipant(room.doc, participantId, SERVER_ACTIONS.forget)
        await room.whenDurable()
      })
    }
    await this.storage.eraseParticipant({
      workshopId,
      participantId,
      privateRoomId: roomName({ kind: 'private', workshopId, participantId }),
      clientOwner: participantOwner(participantId),
      names,
      boardRooms,
    })
    this.log.info({ room: workshopId, participant: participantId }, 'participant forgotten')
    this.live.changed(workshopId)
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

  /**
   * Closes the vote of a phase: tallies every ballot and publishes the totals (no names), split
   * by partner group as `tally` says. Once: closing again returns the published result, so a
   * person who changed group since cannot be told apart by comparing two splits.
   */
  async closeVote(workshopId: string, token: string | null, phaseId: string): Promise<VoteResult> {
    await this.requireFacilitator(workshopId, token)
    const published = await this.sync.withRoom(workshopId, (room) => readResult(room.doc, phaseId))
    if (published?.closed) return published
    const { vote, ballots } = await this.collectBallots(workshopId, phaseId)
    const result = tally(vote, ballots, true)
    this.liveBaselines.delete(workshopId)
    return this.sync.withRoom(workshopId, (room) => {
      const first = readResult(room.doc, phaseId)
      if (first?.closed) return first
      writeResult(room.doc, phaseId, result, SERVER_ACTIONS.results)
      return result
    })
  }

  /**
   * Every ballot of a phase's vote that counts, with its voter's partner group as it is now
   * (the workshop's `participants` registry). Only people who joined the room count: an
   * identity with no record there (made with the link, never shown to anyone) is no voter, or
   * one person could vote once per identity they make unseen (their private documents are
   * not even opened). One ballot never stops the tally: one that is malformed or breaks the rules is left out, dots on what is
   * not an item of the vote are not counted, and both are logged (room, participant, reason).
   */
  private async collectBallots(
    workshopId: string,
    phaseId: string,
  ): Promise<{ vote: PhaseVote; ballots: CountedBallots }> {
    const participants = await this.storage.listParticipants(workshopId)
    // The workshop room stays loaded throughout: each ballot's ids are checked against it.
    return this.sync.withRoom(workshopId, async (room) => {
      const phase = readFlow(room.doc).phases.find((candidate) => candidate.id === phaseId)
      if (!phase?.vote) throw new HttpError(404, `phase "${phaseId}" has no vote`)
      const { vote } = phase
      const isItem = voteItems(room.doc, phase)
      const groups = new Map(listParticipants(room.doc).map((p) => [p.id, p.group]))
      const ballots: CountedBallots = []
      for (const { participantId } of participants) {
        const group = groups.get(participantId)
        if (group === undefined) continue
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
        ballots.push({ participantId, group, ballot: counted.ballot })
      }
      return { vote, ballots }
    })
  }

  private async requireFacilitator(workshopId: string, token: string | null) {
    const session = await this.workshops.session(workshopId, token)
    if (session.role !== 'facilitator') throw new HttpError(403, 'only the facilitator can do this')
  }
}
