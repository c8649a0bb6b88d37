import { createSignal } from 'solid-js'

/**
 * Something a person starts that takes a while (sending a form, a button's request).
 * `run` empties `error` and holds `busy` while `work` runs; when it fails, `error` becomes
 * the message `describeFailure` gives for what was thrown (it may also react to it).
 * `setError` is for the checks made before running (a field left empty, say).
 */
export const createAction = () => {
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const run = async (
    work: () => Promise<void>,
    describeFailure: (failure: unknown) => string,
  ): Promise<void> => {
    setError('')
    setBusy(true)
    try {
      await work()
    } catch (failure) {
      setError(describeFailure(failure))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, run }
}

/**
 * An action asked for first (ConfirmDialog): `asking` while the confirmation is open, `ask`
 * opens it, `close` closes it and forgets a failure said there.
 */
export const createConfirmation = () => {
  const action = createAction()
  const [asking, setAsking] = createSignal(false)
  const close = () => {
    action.setError('')
    setAsking(false)
  }
  return { ...action, asking, ask: () => setAsking(true), close }
}
