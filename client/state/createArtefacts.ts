import { type Accessor, createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type * as Y from 'yjs'
import {
  type Charter,
  type DecisionRecord,
  type DocumentInfo,
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
 * caret) while others change it: only the values that changed are updated.
 */
const createLive = <T extends object>(
  read: () => T,
  observe: (onChange: () => void) => () => void,
): Accessor<T> => {
  const [state, setState] = createStore<{ value: T }>({ value: read() })
  const stop = observe(() => setState('value', reconcile(read(), { key: 'id', merge: true })))
  onCleanup(stop)
  return () => state.value
}

export const createDocuments = (doc: Y.Doc): Accessor<DocumentInfo[]> =>
  createLive(
    () => listDocuments(doc),
    (onChange) => observeDocuments(doc, onChange),
  )

export const createCharters = (doc: Y.Doc): Accessor<Charter[]> =>
  createLive(
    () => listCharters(doc),
    // Positions are counted by partner group: a participant's group change counts too.
    (onChange) => {
      const stop = observeCharters(doc, onChange)
      const stopPeople = observeParticipants(doc, onChange)
      return () => {
        stop()
        stopPeople()
      }
    },
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
