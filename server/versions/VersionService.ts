import * as Y from 'yjs'
import type { ParticipantCredentials, VersionSummary } from '../../shared/api.ts'
import { readFlow } from '../../shared/schema/flow.ts'
import { newId } from '../../shared/schema/ids.ts'
import { getParticipant } from '../../shared/schema/participants.ts'
import { endedFor } from '../../shared/schema/rights.ts'
import {
  diffVersions,
  docFromState,
  restoreContent,
  type VersionDiff,
} from '../../shared/schema/versions.ts'
import { HttpError } from '../lib/HttpError.ts'
import { Throttle } from '../lib/Throttle.ts'
import type { Storage, VersionAuthor, VersionInfo } from '../storage/Storage.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'

/**
 * The name of who made a version: the record in the workshop document `doc` of the person
 * the request proved to be ('' if it proved nobody, or their name was removed since), or
 * the text a version made before the server named authors, or imported, came with.
 */
export const authorName = (
  doc: Y.Doc,
  { author, madeBy }: Pick<VersionInfo, 'author' | 'madeBy'>,
) => {
  if (!madeBy) return author
  return (madeBy.participantId && getParticipant(doc, madeBy.participantId)?.name) || ''
}

const summary = (
  { id, name, madeBy, createdAt, size }: VersionInfo,
  author: string,
): VersionSummary => ({
  id,
  name,
  author,
  ...(madeBy ? { authorRole: madeBy.role } : {}),
  createdAt,
  size,
})

/**
 * Named versions of a workshop ("adopted by the committee on …"): each keeps the whole
 * document state, so any two can be compared and an old one restored as a new version.
 * Nothing is ever changed or deleted in the history.
 */
export interface VersionLimits {
  /** Versions a workshop may hold: its archive must stay importable (MAX_ARCHIVE_VERSIONS). */
  maxVersions: number
}

/**
 * Versions made per workshop: 20 at once, then one every minute. Each keeps the whole
 * document, and the participant link (on the projector) may make them.
 */
const VERSIONS_BURST = 20
const VERSIONS_PER_SECOND = 1 / 60

export class VersionService {
  private readonly made = new Throttle({ perSecond: VERSIONS_PER_SECOND, burst: VERSIONS_BURST })
  /** Versions being kept, per workshop: counted with the stored ones against `maxVersions`. */
  private readonly keeping = new Map<string, number>()

  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly limits: VersionLimits,
  ) {}

  /**
   * Keeps the current state under a name (any link that can write; once the workshop has
   * ended, the facilitator's only), within the limits. Its author is who the request proves to
   * be (`claim`), else its link's role.
   */
  async create(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
    name: string,
  ): Promise<VersionSummary> {
    const caller = await this.workshops.caller(workshopId, token, claim)
    if (caller.role === 'observer')
      throw new HttpError(403, 'an observer link cannot make versions')
    // As the sync policy: once ended, the workshop is the facilitator's to change (endedFor).
    const status = await this.sync.withRoom(workshopId, (room) => readFlow(room.doc).status)
    if (endedFor(caller, status))
      throw new HttpError(403, 'the workshop has ended: only the facilitator can make versions')
    const release = await this.reserve(workshopId)
    try {
      const wait = this.made.take(workshopId)
      if (wait > 0) {
        throw new HttpError(
          429,
          `too many versions made in this workshop; try again in ${wait} s`,
          { 'Retry-After': String(wait) },
        )
      }
      return await this.keep(workshopId, name, caller)
    } finally {
      release()
    }
  }

  /**
   * A place for one more version of the workshop, counting those stored and those being kept,
   * else a 409: its archive must stay importable (MAX_ARCHIVE_VERSIONS). Requests at once
   * cannot all take the last place: the place is taken before the stored ones are counted (a
   * version stored meanwhile may count twice, never none). Returns the place's release, for
   * once it is stored or not.
   */
  private async reserve(workshopId: string): Promise<() => void> {
    this.keeping.set(workshopId, (this.keeping.get(workshopId) ?? 0) + 1)
    const release = () => {
      const left = (this.keeping.get(workshopId) ?? 1) - 1
      if (left > 0) this.keeping.set(workshopId, left)
      else this.keeping.delete(workshopId)
    }
    const stored = (
      await this.storage.listVersions(workshopId).catch((error: unknown) => {
        release()
        throw error
      })
    ).length
    if (stored + (this.keeping.get(workshopId) ?? 0) > this.limits.maxVersions) {
      release()
      throw new HttpError(
        409,
        `this workshop holds ${this.limits.maxVersions} versions already, the most an archive may carry`,
      )
    }
    return release
  }

  async list(workshopId: string, token: string | null): Promise<VersionSummary[]> {
    await this.workshops.session(workshopId, token)
    const versions = await this.storage.listVersions(workshopId)
    return this.sync.withRoom(workshopId, (room) =>
      versions.map((version) => summary(version, authorName(room.doc, version))),
    )
  }

  /** A version's document state (a Yjs update), to open it read-only. */
  async state(workshopId: string, token: string | null, versionId: string): Promise<Uint8Array> {
    await this.workshops.session(workshopId, token)
    return this.requireState(workshopId, versionId)
  }

  /** What changed from one version to another (`current` is the live document). */
  async diff(
    workshopId: string,
    token: string | null,
    from: string,
    to: string,
  ): Promise<VersionDiff> {
    await this.workshops.session(workshopId, token)
    const [before, after] = await Promise.all([
      this.docOf(workshopId, from),
      this.docOf(workshopId, to),
    ])
    try {
      return diffVersions(before, after)
    } finally {
      before.destroy()
      after.destroy()
    }
  }

  /**
   * Brings an old version's content back into the live workshop (as new changes everyone
   * receives), then keeps the result as a new version. Facilitator only.
   */
  async restore(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
    versionId: string,
    /** The name of the version kept of the restored content, read once the caller may restore. */
    readName: () => Promise<string>,
  ): Promise<VersionSummary> {
    const caller = await this.workshops.caller(workshopId, token, claim)
    if (caller.role !== 'facilitator')
      throw new HttpError(403, 'only the facilitator can restore a version')
    const name = await readName()
    const state = await this.requireState(workshopId, versionId)
    // A restore keeps a version too: its place is taken before the live workshop changes.
    const release = await this.reserve(workshopId)
    try {
      const old = docFromState(state)
      try {
        await this.sync.withRoom(workshopId, (room) =>
          restoreContent(room.doc, old, SERVER_ACTIONS.restore),
        )
      } finally {
        old.destroy()
      }
      return await this.keep(workshopId, name, caller)
    } finally {
      release()
    }
  }

  private async keep(
    workshopId: string,
    name: string,
    madeBy: VersionAuthor,
  ): Promise<VersionSummary> {
    const made = { author: '', madeBy }
    const { state, author } = await this.sync.withRoom(workshopId, async (room) => {
      await room.whenDurable()
      return { state: Y.encodeStateAsUpdate(room.doc), author: authorName(room.doc, made) }
    })
    const version = { id: newId(), workshopId, name, ...made, createdAt: Date.now() }
    await this.storage.addVersion(version, state)
    return summary({ ...version, size: state.byteLength }, author)
  }

  private async requireState(workshopId: string, versionId: string): Promise<Uint8Array> {
    const state = await this.storage.versionState(workshopId, versionId)
    if (!state) throw new HttpError(404, `no version ${versionId} in this workshop`)
    return state
  }

  private async docOf(workshopId: string, versionId: string): Promise<Y.Doc> {
    if (versionId !== 'current') return docFromState(await this.requireState(workshopId, versionId))
    return docFromState(
      await this.sync.withRoom(workshopId, (room) => Y.encodeStateAsUpdate(room.doc)),
    )
  }
}
