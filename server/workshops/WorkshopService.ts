import * as Y from 'yjs'
import type { ParticipantCredentials } from '../../shared/api.ts'
import {
  type CreateWorkshopRequest,
  PARTICIPANT_HEADER,
  type RoleTokens,
  SECRET_HEADER,
  TOKEN_FRAGMENT_KEY,
  type WorkshopLinks,
  type WorkshopSession,
  workshopPath,
} from '../../shared/api.ts'
import { canWrite, ROLES, type Role } from '../../shared/roles.ts'
import type { RoomAddress } from '../../shared/rooms.ts'
import { initWorkshopDoc, newId } from '../../shared/schema/index.ts'
import { type Clock, systemClock } from '../lib/clock.ts'
import { HttpError } from '../lib/HttpError.ts'
import { Throttle } from '../lib/Throttle.ts'
import type { NewVersion, NewWorkshop, Storage, WorkshopRecord } from '../storage/Storage.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import type { TemplateCatalog } from '../templates/TemplateCatalog.ts'
import {
  hashToken,
  newToken,
  newWorkshopId,
  sameSecret,
  sealTokens,
  unsealTokens,
} from './tokens.ts'

/** What a connection may do in the room it opened. */
export interface RoomGrant {
  role: Role
  /** The participant this connection proved to be, if any. */
  participantId: string | null
  readOnly: boolean
  workshopId: string
  /** SHA-256 of the token used: a rotated token closes the connections opened with it. */
  tokenHash: string
}

/** Who makes an HTTP request (see `WorkshopService.caller`). */
export type Caller = Pick<RoomGrant, 'role' | 'participantId'>

/**
 * Identities a workshop may be given (MAX_PARTICIPANTS_PER_WORKSHOP), and at what pace
 * (MAX_WORKSHOP_JOINS_PER_MINUTE, WORKSHOP_JOIN_BURST): the per-address limit does not stop
 * someone who has many addresses.
 */
export interface JoinLimits {
  maxParticipants: number
  joinsPerMinute: number
  joinBurst: number
}

/** Workshops and their capability tokens. */
export class WorkshopService {
  private readonly joins: Throttle

  constructor(
    private readonly storage: Storage,
    private readonly templates: TemplateCatalog,
    private readonly limits: JoinLimits,
    private readonly clock: Clock = systemClock,
  ) {
    this.joins = new Throttle({ perSecond: limits.joinsPerMinute / 60, burst: limits.joinBurst })
  }

  /** Creates the workshop, seeds its document from the template and returns the role links. */
  async create(input: Required<CreateWorkshopRequest>, baseUrl: string): Promise<WorkshopLinks> {
    const template = this.templates.get(input.template)
    if (!template)
      throw new HttpError(
        400,
        `template: unknown template "${input.template}" (see GET /api/templates)`,
      )
    const record: WorkshopRecord = {
      id: newWorkshopId(),
      title: input.title,
      template: template.id,
      locale: input.locale,
      createdAt: this.clock.now(),
    }
    const doc = new Y.Doc()
    initWorkshopDoc(
      doc,
      {
        title: record.title,
        templateId: record.template,
        locale: record.locale,
        createdAt: record.createdAt,
      },
      SERVER_ACTIONS.seed,
      template,
    )
    const links = await this.register(record, Y.encodeStateAsUpdate(doc), baseUrl)
    doc.destroy()
    return links
  }

  /**
   * Stores a new workshop with fresh role tokens, the given document state and versions, and
   * the first state of its other rooms (an imported lab's session boards).
   */
  async register(
    record: WorkshopRecord,
    initialState: Uint8Array,
    baseUrl: string,
    versions: readonly NewVersion[] = [],
    rooms: NonNullable<NewWorkshop['rooms']> = [],
  ): Promise<WorkshopLinks> {
    const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken()])) as RoleTokens
    await this.storage.createWorkshop({
      record,
      tokenHashes: Object.fromEntries(
        ROLES.map((role) => [role, hashToken(tokens[role])]),
      ) as RoleTokens,
      sealedLinks: sealTokens(tokens, record.id),
      initialState,
      versions,
      rooms,
    })
    return this.describe(record, tokens, baseUrl)
  }

  /**
   * Issues a participant identity (for their private document): a random id and a secret the
   * browser keeps. Anyone with a participant or facilitator link may join, within the
   * workshop's `JoinLimits` (only a valid link spends its pace).
   */
  async addParticipant(workshopId: string, token: string | null): Promise<ParticipantCredentials> {
    const { role } = await this.requireAccess(workshopId, token)
    if (role === 'observer')
      throw new HttpError(403, 'an observer link cannot join as a participant')
    this.takeJoin(workshopId)
    const credentials = { participantId: newId(), secret: newToken() }
    const added = await this.storage.addParticipant(
      {
        workshopId,
        participantId: credentials.participantId,
        secretHash: hashToken(credentials.secret),
        createdAt: Date.now(),
      },
      this.limits.maxParticipants,
    )
    if (!added) {
      throw new HttpError(
        409,
        `joining: this workshop has ${this.limits.maxParticipants} participants already, the most it may have (MAX_PARTICIPANTS_PER_WORKSHOP)`,
        {},
        'join.full',
      )
    }
    return credentials
  }

  /**
   * Spends one of the workshop's joins (`JoinLimits`: identities made, devices signed in with
   * a personal link), else a 429 with Retry-After.
   */
  takeJoin(workshopId: string): void {
    const wait = this.joins.take(workshopId)
    if (wait > 0) {
      throw new HttpError(
        429,
        `joining: too many people joining this workshop just now; try again in ${wait} s`,
        { 'Retry-After': String(wait) },
        'join.workshop',
      )
    }
  }

  /**
   * Who may open a room, decided once at the WebSocket upgrade. The workshop document: any
   * valid link (observers read-only); a `participant`/`secret` pair names the person, and one
   * that is not valid (a forgotten person's) is refused, never taken as no one; so is one sent
   * with an observer link, which is nobody's (our client sends none: an observer's presence is
   * unnamed, and no attendance is recorded for them). A private
   * document (their private notes and ballots): its owner, with their secret and a participant
   * or facilitator link, reads and writes; nobody else opens it, the facilitator included (they
   * see how many notes and whether each person voted, in `FacilitationService.participation`).
   * An ended session's boards: any valid link reads them, nobody writes them (whether the
   * session has any is `SessionService.authorizeBoards`'s to say).
   */
  async authorize(address: RoomAddress, params: URLSearchParams): Promise<RoomGrant | null> {
    const token = params.get('token')
    const role = token ? await this.authenticate(address.workshopId, token) : null
    if (!role) return null
    const participantId = params.get('participant') || null
    if (
      participantId &&
      (!canWrite(role) ||
        !(await this.verifyParticipant(address.workshopId, participantId, params.get('secret'))))
    )
      return null
    const base = {
      role,
      participantId,
      workshopId: address.workshopId,
      tokenHash: hashToken(token ?? ''),
    }
    if (address.kind === 'workshop') return { ...base, readOnly: !canWrite(role) }
    // Every update to it is refused whole, whoever sends it (its shape: the server's alone).
    if (address.kind === 'session') return { ...base, readOnly: false }
    if (canWrite(role) && participantId === address.participantId)
      return { ...base, readOnly: false }
    return null
  }

  /**
   * Who makes an HTTP request: the role its token gives and, when it claims one (see
   * `participantProof`), the participant. A claim its secret does not prove is refused, so
   * nobody passes for someone else; one naming nobody (a forgotten person) is unknown (401).
   */
  async caller(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null,
  ): Promise<Caller> {
    const { role } = await this.requireAccess(workshopId, token)
    if (!claim) return { role, participantId: null }
    if (!(await this.storage.findParticipant(workshopId, claim.participantId))) {
      throw new HttpError(
        401,
        `${PARTICIPANT_HEADER}: no participant ${claim.participantId} in this workshop (their name may have been removed)`,
      )
    }
    if (!(await this.verifyParticipant(workshopId, claim.participantId, claim.secret))) {
      throw new HttpError(
        403,
        `${SECRET_HEADER}: not the secret issued to participant ${claim.participantId} of this workshop`,
      )
    }
    return { role, participantId: claim.participantId }
  }

  /** Whether `secret` is one issued to this participant of this workshop (at join, or to a device). */
  isParticipant(
    workshopId: string,
    participantId: string,
    secret: string | null,
  ): Promise<boolean> {
    return this.verifyParticipant(workshopId, participantId, secret)
  }

  private async verifyParticipant(
    workshopId: string,
    participantId: string,
    secret: string | null,
  ) {
    if (!secret) return false
    const identity = await this.storage.findParticipant(workshopId, participantId)
    if (!identity) return false
    const hash = hashToken(secret)
    // The secret issued at join, else one issued to a device their personal link signed in.
    return (
      sameSecret(identity.secretHash, hash) ||
      (await this.storage.isDevice(workshopId, participantId, hash))
    )
  }

  /**
   * The participant link's token, for a link that opens the workshop as a participant: a
   * participant's own, or the facilitator's unsealed; never the facilitator's token itself.
   */
  async participantToken(workshopId: string, token: string | null): Promise<string> {
    const { role, sealedLinks } = await this.requireAccess(workshopId, token)
    if (role === 'participant' && token) return token
    if (role !== 'facilitator')
      throw new HttpError(403, 'only a participant or the facilitator link opens as a participant')
    return unsealTokens(sealedLinks, token ?? '', workshopId).participant
  }

  /**
   * Gives a role a new link (facilitator only). The old token stops working at once: the
   * caller closes the connections opened with it. Returns every link, the new one included.
   */
  async rotate(workshopId: string, token: string | null, role: Role, baseUrl: string) {
    const { record, sealedLinks, role: caller } = await this.requireAccess(workshopId, token)
    if (caller !== 'facilitator')
      throw new HttpError(403, 'only the facilitator can change the links')
    const tokens = unsealTokens(sealedLinks, token ?? '', workshopId)
    const previousHash = hashToken(tokens[role])
    tokens[role] = newToken()
    await this.storage.replaceToken(
      workshopId,
      role,
      hashToken(tokens[role]),
      sealTokens(tokens, workshopId),
    )
    return { links: this.describe(record, tokens, baseUrl), revokedHash: previousHash }
  }

  /** The role a token gives in this workshop, or `null`. */
  async authenticate(workshopId: string, token: string): Promise<Role | null> {
    const grant = await this.storage.findToken(hashToken(token))
    return grant && grant.workshopId === workshopId ? grant.role : null
  }

  /** The workshop and the role of `token`; a participant `claim` is checked as by `caller`. */
  async session(
    workshopId: string,
    token: string | null,
    claim: ParticipantCredentials | null = null,
  ): Promise<WorkshopSession> {
    if (claim) await this.caller(workshopId, token, claim)
    const { record, role } = await this.requireAccess(workshopId, token)
    const { id, title, template, locale } = record
    return { workshop: { id, title, template, locale }, role }
  }

  /** The three role links, for the facilitator only (unsealed with their own token). */
  async links(workshopId: string, token: string | null, baseUrl: string): Promise<WorkshopLinks> {
    const { record, role, sealedLinks } = await this.requireAccess(workshopId, token)
    if (role !== 'facilitator')
      throw new HttpError(403, 'only the facilitator link can list the role links')
    return this.describe(record, unsealTokens(sealedLinks, token ?? '', workshopId), baseUrl)
  }

  private async requireAccess(workshopId: string, token: string | null) {
    const role = token ? await this.authenticate(workshopId, token) : null
    const workshop = role ? await this.storage.getWorkshop(workshopId) : null
    if (!role || !workshop) throw new HttpError(401, 'unknown workshop or token')
    return { ...workshop, role }
  }

  private describe(record: WorkshopRecord, tokens: RoleTokens, baseUrl: string): WorkshopLinks {
    const link = (token: string) =>
      `${baseUrl}${workshopPath(record.id)}#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`
    return {
      id: record.id,
      title: record.title,
      template: record.template,
      locale: record.locale,
      tokens,
      links: {
        facilitator: link(tokens.facilitator),
        participant: link(tokens.participant),
        observer: link(tokens.observer),
      },
    }
  }
}
