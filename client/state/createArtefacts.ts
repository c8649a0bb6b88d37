import { type Accessor, createComputed, createSignal, on, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type * as Y from 'yjs'
import type { Locale } from '../../shared/i18n/index.ts'
import {
  type Charter,
  type DecisionRecord,
  type DocumentInfo,
  displayText,
  displayTitle,
  listCharters,
  listDecisions,
  listDocuments,
  observeCharters,
  observeDecisions,
  observeDocuments,
  observeParticipants,
  observePlan,
  type Plan,
  readPlan,
} from '../../shared/schema/index.ts'

/**
 * Live, validated views of the workshop's artefacts (documents, charters, plan, decisions).
 * Each is a Solid store reconciled by id, so a row keeps its DOM (and a field its focus and
 * caret) while others change it: only the values that changed are updated. Documents and
 * charters show a template's titles and items nobody edited in the viewer's language.
 */
const createLive = <T extends object>(
  read: () => T,
  observe: (onChange: () => void) => () => void,
  /** What `read` depends on besides the document (the viewer's language): read again on change. */
  follows: Accessor<unknown> = () => null,
): Accessor<T> => {
  const [state, setState] = createStore<{ value: T }>({ value: read() })
  const refresh = () => setState('value', reconcile(read(), { key: 'id', merge: true }))
  const stop = observe(refresh)
  onCleanup(stop)
  createComputed(on(follows, refresh, { defer: true }))
  return () => state.value
}

export const createDocuments = (doc: Y.Doc, locale: Accessor<Locale>): Accessor<DocumentInfo[]> =>
  createLive(
    () => listDocuments(doc).map((entry) => ({ ...entry, title: displayTitle(entry, locale()) })),
    (onChange) => observeDocuments(doc, onChange),
    locale,
  )

export const createCharters = (doc: Y.Doc, locale: Accessor<Locale>): Accessor<Charter[]> =>
  createLive(
    () =>
      listCharters(doc).map((charter) => ({
        ...charter,
        title: displayTitle(charter, locale()),
        items: charter.items.map((item) => ({ ...item, text: displayText(item, locale()) })),
      })),
    // Positions are counted by partner group: a participant's group change counts too.
    (onChange) => {
      const stop = observeCharters(doc, onChange)
      const stopPeople = observeParticipants(doc, onChange)
      return () => {
        stop()
        stopPeople()
      }
    },
    locale,
  )

export const createDecisions = (doc: Y.Doc): Accessor<DecisionRecord[]> =>
  createLive(
    () => listDecisions(doc),
    (onChange) => observeDecisions(doc, onChange),
  )

export const createPlan = (doc: Y.Doc): Accessor<Plan> =>
  createLive(
    () => readPlan(doc),
    (onChange) => observePlan(doc, onChange),
  )

/** A counter bumped after every transaction: read it in a computation to follow any change. */
export const createDocTick = (doc: Y.Doc): Accessor<number> => {
  const [tick, setTick] = createSignal(0)
  const bump = () => setTick((n) => n + 1)
  doc.on('afterTransaction', bump)
  onCleanup(() => doc.off('afterTransaction', bump))
  return tick
}
