import type { PartnerGroup } from '../../shared/groups.ts'
import type { Locale } from '../../shared/i18n/locales.ts'
import type { Role } from '../../shared/roles.ts'

/**
 * Who a Yjs client id of a room belongs to (a participant, a link's role or the server): only
 * its owner's connections may add content under it, so nobody writes under another's id.
 */
export interface ClientOwner {
  client: number
  owner: string
}

/** A room's durable state: the last compacted state and every update appended after it. */
export interface StoredRoom {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** The owners of the Yjs client ids its content was written under. */
  clients: ClientOwner[]
}

/** Updates of one room, to append in the order given, with the client ids they first use. */
export interface RoomUpdates {
  roomId: string
  updates: readonly Uint8Array[]
  clients?: readonly ClientOwner[]
}

export interface WorkshopRecord {
  id: string
  title: string
  template: string
  locale: Locale
  createdAt: number
}

export interface NewWorkshop {
  record: WorkshopRecord
  /** SHA-256 of each role's token; the tokens themselves are never stored. */
  tokenHashes: Record<Role, string>
  /** The three role links, sealed with a key only the facilitator token derives. */
  sealedLinks: Uint8Array
  /** The seeded workshop document, stored as the room's first update. */
  initialState: Uint8Array
  /** Named versions it starts with (an imported workshop's), stored in the same transaction. */
  versions?: readonly NewVersion[]
  /** Other rooms it starts with (an imported lab's ended sessions' boards), each one update. */
  rooms?: ReadonlyArray<{ roomId: string; state: Uint8Array }>
}

export interface StoredWorkshop {
  record: WorkshopRecord
  sealedLinks: Uint8Array
}

export interface TokenGrant {
  workshopId: string
  role: Role
}

/** A participant identity issued at join: the secret opens their private document. */
export interface ParticipantIdentity {
  workshopId: string
  participantId: string
  /** SHA-256 of the participant's secret; the secret itself is never stored. */
  secretHash: string
  createdAt: number
}

/** A person's personal link, as stored: its hash (the link itself is never stored). */
export interface PersonalLink {
  workshopId: string
  participantId: string
  hash: string
  createdAt: number
}

/** A device a personal link signed in: the hash of the secret issued to it. */
export interface ParticipantDevice {
  workshopId: string
  participantId: string
  secretHash: string
  createdAt: number
}

/** Who made a version, as the server established it from the request. */
export interface VersionAuthor {
  /** The role of the link used. */
  role: Role
  /** The participant the request proved to be (their name is their record in the workshop). */
  participantId: string | null
}

/** A named version of a workshop: its whole document state at that moment. */
export interface VersionInfo {
  id: string
  workshopId: string
  name: string
  /**
   * The author's name as a client gave it: versions made before the server named authors,
   * and imported ones. '' for the others, which have `madeBy`.
   */
  author: string
  /** Who made it; null for a version made before the server named authors, or imported. */
  madeBy: VersionAuthor | null
  createdAt: number
  /** Bytes of the stored state. */
  size: number
}

/** A version stored with a new workshop: its state and everything but the workshop's id. */
export interface NewVersion extends Omit<VersionInfo, 'workshopId' | 'size'> {
  state: Uint8Array
}

/**
 * What is kept of a person who asked to be forgotten, for `Storage.eraseParticipant` to
 * erase. Their identity goes first and apart (`removeParticipant`).
 */
export interface ParticipantErasure {
  workshopId: string
  participantId: string
  /** Their private room (their private notes and ballots): every row of it goes. */
  privateRoomId: string
  /** The owner their Yjs client ids are recorded under in the workshop room (see ClientOwner). */
  clientOwner: string
  /** The names their record had in the live document: a version `author` text equal to one is blanked. */
  names: readonly string[]
  /**
   * The workshop's other rooms whose live documents forgot them too (the boards of its ended
   * sessions: shared/schema/sessionBoards.ts), compacted like the workshop room.
   */
  boardRooms?: readonly string[]
}

/** A time a person was connected to a lab during one of its sessions. */
export interface AttendanceInterval {
  sessionId: string
  participantId: string
  /** Their partner group as their record said then (null: no record yet). */
  group: PartnerGroup | null
  startedAt: number
  endedAt: number
}

/** What a person had contributed to the lab at a session's start or end (see attendance.ts). */
export interface ContributionSnapshot {
  sessionId: string
  stage: 'start' | 'end'
  participantId: string
  notes: number
  ballots: number
  edits: number
}

export interface CompactionResult {
  /** Updates folded into the new snapshot. */
  compactedUpdates: number
  bytesBefore: number
  bytesAfter: number
}

export interface RoomStats {
  updateCount: number
  snapshotBytes: number
  updateBytes: number
}

/**
 * Everything the server keeps. Each backend must pass `tests/storage/storageContract.ts`.
 *
 * `appendUpdates` resolves only once the updates are durable: the sync server relays an
 * update to other clients only after that. It takes the batches of several rooms at once so
 * that busy rooms share one commit (see server/sync/GroupCommit.ts).
 */
export interface Storage {
  /**
   * Stores the workshop, its tokens, first state and versions at once: all or nothing. The
   * states given are the storage's from then on (a backend may move them to another thread,
   * leaving them empty).
   */
  createWorkshop(workshop: NewWorkshop): Promise<void>
  getWorkshop(id: string): Promise<StoredWorkshop | null>
  findToken(tokenHash: string): Promise<TokenGrant | null>
  /** Replaces the token of one role (the old one stops working) and the sealed links, at once. */
  replaceToken(
    workshopId: string,
    role: Role,
    tokenHash: string,
    sealedLinks: Uint8Array,
  ): Promise<void>
  /**
   * Records a participant identity, unless its workshop holds `max` already (false); refuses
   * an id already taken in that workshop.
   */
  addParticipant(identity: ParticipantIdentity, max: number): Promise<boolean>
  findParticipant(workshopId: string, participantId: string): Promise<ParticipantIdentity | null>
  /**
   * Deletes a participant identity, with their personal link and their devices' secrets: from
   * then on none of their secrets proves anything. Whether there was one.
   */
  removeParticipant(workshopId: string, participantId: string): Promise<boolean>
  /**
   * Erases what is stored of a forgotten person, so that none of its bytes is left on disk:
   * every version's state is rewritten with them forgotten (`forgetInState`), a version
   * author text that is one of their names and the versions' link to their id are blanked,
   * their private room, their attendance and contributions and the records of their client
   * ids go, and the workshop room (and `boardRooms`) is compacted (its live document must have
   * forgotten them already, durably). Runs beside appends, in short transactions.
   */
  eraseParticipant(erasure: ParticipantErasure): Promise<void>
  /**
   * Makes `link` the person's personal link, replacing the one they had (which stops at once);
   * false, storing nothing, when they have no identity.
   */
  setPersonalLink(link: PersonalLink): Promise<boolean>
  /** Revokes the person's personal link; whether they had one. */
  revokePersonalLink(workshopId: string, participantId: string): Promise<boolean>
  /** The person's personal link, or null. */
  personalLinkOf(workshopId: string, participantId: string): Promise<PersonalLink | null>
  /** The personal link of this workshop with this hash, or null. */
  findPersonalLink(workshopId: string, hash: string): Promise<PersonalLink | null>
  /**
   * Records a device signed in with the personal link `linkHash`, if that link is still the
   * person's (not replaced nor revoked since it was read) and they hold fewer than `max`
   * devices: `added`, else `gone` or `full`, storing nothing.
   */
  addDevice(
    device: ParticipantDevice,
    linkHash: string,
    max: number,
  ): Promise<'added' | 'gone' | 'full'>
  /** Whether `secretHash` is the secret of one of the person's devices. */
  isDevice(workshopId: string, participantId: string, secretHash: string): Promise<boolean>
  /** Every participant identity of a workshop, oldest first. */
  listParticipants(workshopId: string): Promise<ParticipantIdentity[]>
  /** Keeps a version (never changed or deleted afterwards, but by `eraseParticipant`). */
  addVersion(version: Omit<VersionInfo, 'size'>, state: Uint8Array): Promise<void>
  /** The versions of a workshop, oldest first. */
  listVersions(workshopId: string): Promise<VersionInfo[]>
  versionState(workshopId: string, versionId: string): Promise<Uint8Array | null>
  /** Records that a person is connected from `startedAt` (to `startedAt`, for now); its id. */
  openAttendance(workshopId: string, interval: AttendanceInterval): Promise<number>
  /** Moves the end of these intervals to `endedAt` (and sets their group, when known), at once. */
  extendAttendance(
    extended: ReadonlyArray<{ id: number; group: PartnerGroup | null }>,
    endedAt: number,
  ): Promise<void>
  /** Every attendance interval of a workshop, oldest first. */
  listAttendance(workshopId: string): Promise<AttendanceInterval[]>
  /** Replaces what is kept of a session's `stage` by `snapshots` (all of the same stage). */
  saveContributions(
    workshopId: string,
    sessionId: string,
    stage: ContributionSnapshot['stage'],
    snapshots: readonly Omit<ContributionSnapshot, 'sessionId' | 'stage'>[],
  ): Promise<void>
  listContributions(workshopId: string): Promise<ContributionSnapshot[]>
  loadRoom(roomId: string): Promise<StoredRoom>
  /** Appends every room's updates in one transaction (one fsync), in order. */
  appendUpdates(batches: readonly RoomUpdates[]): Promise<void>
  /**
   * Replaces everything stored for a room (its snapshot and updates) by `updates`, in one
   * transaction. Only `npm run repair` uses it, with no server running on the storage.
   */
  replaceRoom(roomId: string, updates: readonly Uint8Array[]): Promise<void>
  /** Folds the snapshot and the updates into one snapshot, without blocking appends. */
  compact(roomId: string): Promise<CompactionResult>
  roomStats(roomId: string): Promise<RoomStats>
  close(): Promise<void>
}
