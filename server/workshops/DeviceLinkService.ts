import type { Logger } from 'pino'
import {
  type DeviceClaim,
  type DeviceLink,
  type DeviceLinkStatus,
  type ParticipantCredentials,
  personalLink,
} from '../../shared/api.ts'
import {
  getParticipant,
  type ParticipantRecord,
  participantId as participantIdSchema,
} from '../../shared/schema/participants.ts'
import { describeIssues } from '../../shared/validation.ts'
import type { Clock } from '../lib/clock.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Storage } from '../storage/Storage.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import { hashToken, newToken } from './tokens.ts'
import type { WorkshopService } from './WorkshopService.ts'

/** Devices one person may sign in with personal links (their first one not counted). */
export const MAX_DEVICES_PER_PERSON = 20

const GONE =
  'device: this personal link does not work (it was replaced or revoked, or its person’s name was removed); ask for a new one'

/**
 * Personal links: a person (with their secret) or the facilitator makes one, and a device
 * that opens it is signed in as that person, so their attendance and authorship continue on
 * it. The link carries the participant link's token and a secret of its own, after `#`; the
 * server keeps its hash only, one link per person: a new one replaces it, and either stops at
 * once. A device signed in gets a secret of its own (see docs/security.md, "Personal links").
 */
export class DeviceLinkService {
  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: Pick<SyncServer, 'withRoom'>,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  /** Makes the person's personal link, replacing the one they had. */
  async create(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
    participantId: string,
    baseUrl: string,
  ): Promise<DeviceLink> {
    await this.requirePerson(workshopId, token, claim, participantId)
    await this.recordOf(workshopId, participantId)
    const participantToken = await this.workshops.participantToken(workshopId, token)
    const secret = newToken()
    const createdAt = this.clock.now()
    const stored = await this.storage.setPersonalLink({
      workshopId,
      participantId,
      hash: hashToken(secret),
      createdAt,
    })
    if (!stored) throw this.unknown(participantId)
    this.log.info({ room: workshopId, participant: participantId }, 'personal link made')
    return { link: personalLink(baseUrl, workshopId, participantToken, secret), createdAt }
  }

  /** Whether the person has a personal link that works, and since when. */
  async status(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
    participantId: string,
  ): Promise<DeviceLinkStatus> {
    await this.requirePerson(workshopId, token, claim, participantId)
    const link = await this.storage.personalLinkOf(workshopId, participantId)
    return { active: link !== null, createdAt: link?.createdAt ?? null }
  }

  /** Revokes the person's personal link (the devices it signed in keep theirs). */
  async revoke(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
    participantId: string,
  ): Promise<{ revoked: boolean }> {
    await this.requirePerson(workshopId, token, claim, participantId)
    const revoked = await this.storage.revokePersonalLink(workshopId, participantId)
    if (revoked)
      this.log.info({ room: workshopId, participant: participantId }, 'personal link revoked')
    return { revoked }
  }

  /**
   * Signs a device in with a personal link's secret (`device`): the person's id, a secret of
   * this device's own, and their record. Within the workshop's joins (`takeJoin`), as a join.
   */
  async claim(workshopId: string, token: string | null, device: string): Promise<DeviceClaim> {
    const { role } = await this.workshops.session(workshopId, token)
    if (role === 'observer')
      throw new HttpError(403, 'an observer link cannot sign a device in as a participant')
    this.workshops.takeJoin(workshopId)
    const link = await this.storage.findPersonalLink(workshopId, hashToken(device))
    if (!link) {
      this.log.info({ room: workshopId }, 'personal link refused: unknown, replaced or revoked')
      throw new HttpError(403, GONE)
    }
    const { participantId } = link
    const record = await this.recordOf(workshopId, participantId)
    const credentials = { participantId, secret: newToken() }
    const added = await this.storage.addDevice(
      {
        workshopId,
        participantId,
        secretHash: hashToken(credentials.secret),
        createdAt: this.clock.now(),
      },
      link.hash,
      MAX_DEVICES_PER_PERSON,
    )
    if (added === 'gone') throw new HttpError(403, GONE)
    if (added === 'full') {
      throw new HttpError(
        409,
        `device: this person has signed in ${MAX_DEVICES_PER_PERSON} devices with personal links, the most one person may`,
      )
    }
    this.log.info(
      { room: workshopId, participant: participantId },
      'device signed in with a personal link',
    )
    return { ...credentials, record }
  }

  /**
   * Only the person (their secret proving it: `claim`) or the facilitator handles their link;
   * nobody else, an observer included, learns whether they have one.
   */
  private async requirePerson(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
    participantId: string,
  ) {
    const id = participantIdSchema.safeParse(participantId)
    if (!id.success) throw new HttpError(400, `participantId: ${describeIssues(id.error)}`)
    const caller = await this.workshops.caller(workshopId, token, claim)
    if (caller.role === 'facilitator') {
      if (!(await this.storage.findParticipant(workshopId, participantId)))
        throw this.unknown(participantId)
      return
    }
    if (caller.role !== 'participant' || caller.participantId !== participantId) {
      throw new HttpError(
        403,
        'only this person (with their secret) or the facilitator can make, read or revoke their personal link',
      )
    }
  }

  /** The person's record in the lab: a personal link signs in someone who gave a name. */
  private async recordOf(workshopId: string, participantId: string): Promise<ParticipantRecord> {
    const record = await this.sync.withRoom(workshopId, (room) =>
      getParticipant(room.doc, participantId),
    )
    if (!record) {
      throw new HttpError(
        409,
        `participantId: ${participantId} has no name in this lab yet; a personal link signs in someone who gave one`,
      )
    }
    return record
  }

  private unknown(participantId: string) {
    return new HttpError(404, `no participant ${participantId} in this workshop`)
  }
}
