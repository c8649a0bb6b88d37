import { createRoot } from 'solid-js'
import { describe, expect, it } from 'vitest'
import { createAction } from '../../client/ui/createAction.ts'

describe('createAction', () => {
  it('is busy while the work runs, and forgets an earlier error', async () => {
    await createRoot(async (dispose) => {
      const action = createAction()
      action.setError('Say a name.')
      let finish = () => {}
      const running = action.run(
        () => new Promise<void>((resolve) => (finish = resolve)),
        () => 'never',
      )
      expect(action.busy()).toBe(true)
      expect(action.error()).toBe('')
      finish()
      await running
      expect(action.busy()).toBe(false)
      expect(action.error()).toBe('')
      dispose()
    })
  })

  it('keeps the message for what went wrong, and is no longer busy', async () => {
    await createRoot(async (dispose) => {
      const action = createAction()
      await action.run(
        async () => {
          throw new Error('offline')
        },
        (failure) => `Failed: ${failure instanceof Error ? failure.message : String(failure)}`,
      )
      expect(action.busy()).toBe(false)
      expect(action.error()).toBe('Failed: offline')
      dispose()
    })
  })
})
