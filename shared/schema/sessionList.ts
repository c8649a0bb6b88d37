import type * as Y from 'yjs'
import { z } from 'zod'
import { readFlowStatus } from './flow.ts'
import { currentSessionId } from './meta.ts'
import { sessionsMap } from './roots.ts'
import { boardTexts, type SessionBoard, sessionBoard } from './sessionBoards.ts'
import { SESSION_STATUSES, type SessionStatus, sessionDate, sessionTitle } from './sessionFields.ts'

/**
 * Reading the lab's sessions (sessions.ts says what they are and writes them): apart from
 * planning, starting, ending and carrying, so that a page listing them (every workspace does,
 * `createSessions`) holds this and not the writers, with what they import (the decision log,
 * seeding a template's canvases), on every phone's first screen.
 */

export const storedSession = z.object({
  id: z.string(),
  title: sessionTitle,
  templateId: z.string(),
  date: sessionDate,
  createdAt: z.number(),
  /**
   * `planned` until it starts, `running` while the flow runs it, `ended` once it ran. Only
   * the current session's is read from the flow (see `listSessions`).
   */
  status: z.enum(SESSION_STATUSES),
  /** Added to the ids of its phases and canvases: the first session keeps the template's. */
  suffix: z.string(),
  /**
   * Once ended and the next session started: the boards that moved to the session's room
   * (sessionBoards.ts), and the texts of their items a result or a decision names.
   */
  boards: z.array(sessionBoard).optional(),
  texts: boardTexts.optional(),
  /**
   * While it is the ended current session: the boards carried into the lab since it ended,
   * which go on to the next session rather than into its room.
   */
  carried: z.array(z.string()).optional(),
})
export type StoredSession = z.infer<typeof storedSession>

export interface SessionInfo
  extends Omit<StoredSession, 'status' | 'suffix' | 'boards' | 'texts' | 'carried'> {
  status: SessionStatus
  /** Whether the flow is this session's. */
  current: boolean
  /** The boards kept in the session's room (none until they moved there). */
  boards: SessionBoard[]
}

/** The lab's session records as stored, each one that is a session under its own id. */
export const storedSessions = (doc: Y.Doc): StoredSession[] => {
  const out: StoredSession[] = []
  for (const [key, value] of sessionsMap(doc).entries()) {
    const parsed = storedSession.safeParse(value)
    if (parsed.success && parsed.data.id === key) out.push(parsed.data)
  }
  return out
}

const FLOW_STATUS: Record<string, SessionStatus> = {
  ready: 'planned',
  running: 'running',
  ended: 'ended',
}

/** The status of the session the flow runs, as the flow says it. */
export const flowSessionStatus = (doc: Y.Doc): SessionStatus =>
  FLOW_STATUS[readFlowStatus(doc)] ?? 'planned'

/** The lab's sessions, oldest first (by day, then by when they were planned). */
export const listSessions = (doc: Y.Doc): SessionInfo[] => {
  const current = currentSessionId(doc)
  const flow = flowSessionStatus(doc)
  return storedSessions(doc)
    .map(({ status, suffix: _s, boards, texts: _t, carried: _c, ...session }) => {
      const isCurrent = session.id === current
      return {
        ...session,
        // Another session does not run: the flow is not its own (one said so once, it ran).
        status: isCurrent ? flow : status === 'running' ? 'ended' : status,
        current: isCurrent,
        boards: boards ?? [],
      }
    })
    .sort((a, b) =>
      a.date < b.date
        ? -1
        : a.date > b.date
          ? 1
          : a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
    )
}

export const getSession = (doc: Y.Doc, id: string): SessionInfo | null =>
  listSessions(doc).find((session) => session.id === id) ?? null
