import * as Y from 'yjs'
import type { VersionSummary } from '../../shared/api.ts'
import { newId } from '../../shared/schema/ids.ts'
import {
  diffVersions,
  docFromState,
  restoreContent,
  type VersionDiff,
} from '../../shared/schema/versions.ts'
import { SERVER_ORIGIN } from '../facilitation/FacilitationService.ts'
import { HttpError } from '../lib/HttpError.ts'
import { Throttle } from '../lib/Throttle.ts'
import type { Storage, VersionInfo } from '../storage/Storage.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'

const summary = ({ id, name, author, createdAt, size }: VersionInfo): VersionSummary => ({
  id,
  name,
  author,
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

  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly limits: VersionLimits,
  ) {}

  /** Keeps the current state under a name (any link that can write), within the limits. */
  async create(
    workshopId: string,
    token: string | null,
    input: { name: string; author: string },
  ): Promise<VersionSummary> {
    const { role } = await this.workshops.session(workshopId, token)
    if (role === 'observer') throw new HttpError(403, 'an observer link cannot make versions')
    if ((await this.storage.listVersions(workshopId)).length >= this.limits.maxVersions) {
      throw new HttpError(
        409,
        `this workshop holds ${this.limits.maxVersions} versions already, the most an archive may carry`,
      )
    }
    const wait = this.made.take(workshopId)
    if (wait > 0) {
      throw new HttpError(429, `too many versions made in this workshop; try again in ${wait} s`, {
        'Retry-After': String(wait),
      })
    }
    return this.keep(workshopId, input)
  }

  async list(workshopId: string, token: string | null): Promise<VersionSummary[]> {
    await this.workshops.session(workshopId, token)
    return (await this.storage.listVersions(workshopId)).map(summary)
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
    versionId: string,
    input: { name: string; author: string },
  ) {
    const { role } = await this.workshops.session(workshopId, token)
    if (role !== 'facilitator')
      throw new HttpError(403, 'only the facilitator can restore a version')
    const old = docFromState(await this.requireState(workshopId, versionId))
    try {
      await this.sync.withRoom(workshopId, (room) => restoreContent(room.doc, old, SERVER_ORIGIN))
    } finally {
      old.destroy()
    }
    return this.keep(workshopId, input)
  }

  private async keep(
    workshopId: string,
    input: { name: string; author: string },
  ): Promise<VersionSummary> {
    const state = await this.sync.withRoom(workshopId, async (room) => {
      await room.whenDurable()
      return Y.encodeStateAsUpdate(room.doc)
    })
    const version = {
      id: newId(),
      workshopId,
      name: input.name,
      author: input.author,
      createdAt: Date.now(),
    }
    await this.storage.addVersion(version, state)
    return summary({ ...version, size: state.byteLength })
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
