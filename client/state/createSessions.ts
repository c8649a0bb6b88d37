import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { listSessions, observeFlow, type SessionInfo } from '../../shared/schema/index.ts'
import { metaMap, sessionsMap } from '../../shared/schema/roots.ts'

/**
 * The lab's sessions (from the document), oldest first, with their status; live. Their status
 * follows the flow (the current session's is the flow's) and `meta.session` (which is current).
 */
export const createSessions = (doc: Y.Doc): Accessor<SessionInfo[]> => {
  const [sessions, setSessions] = createSignal(listSessions(doc), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const refresh = () => setSessions(listSessions(doc))
  const sessionsRoot = sessionsMap(doc)
  const meta = metaMap(doc)
  sessionsRoot.observe(refresh)
  meta.observe(refresh)
  const stopFlow = observeFlow(doc, refresh)
  onCleanup(() => {
    sessionsRoot.unobserve(refresh)
    meta.unobserve(refresh)
    stopFlow()
  })
  return sessions
}
