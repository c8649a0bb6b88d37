import { fireEvent, render, screen } from '@solidjs/testing-library'
import { createResource } from 'solid-js'
import { describe, expect, it } from 'vitest'
import { Loaded } from '../../client/ui/Loaded.tsx'

/** A promise and the functions that settle it. */
const deferred = <T,>() => {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

describe('Loaded', () => {
  it('says it is loading, then shows the value', async () => {
    const load = deferred<string>()
    render(() => {
      const [resource] = createResource(() => load.promise)
      return (
        <Loaded resource={resource} loading="Loading…" error={() => 'failed'}>
          {(value) => <p>Value: {value()}</p>}
        </Loaded>
      )
    })
    expect(screen.getByRole('status')).toHaveTextContent('Loading…')
    load.resolve('ready')
    expect(await screen.findByText('Value: ready')).toBeInTheDocument()
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('shows the error as an alert, and its retry button tries again', async () => {
    let attempts = 0
    const loads = [deferred<string>(), deferred<string>()]
    render(() => {
      const [resource, { refetch }] = createResource(() => loads[attempts++]?.promise)
      return (
        <Loaded
          resource={resource}
          loading="Loading…"
          error={(error) => `Could not load: ${(error as Error).message}`}
          retry={{ label: 'Try again', onRetry: () => void refetch() }}
        >
          {(value) => <p>Value: {value()}</p>}
        </Loaded>
      )
    })
    loads[0]?.reject(new Error('offline'))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not load: offline')
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    loads[1]?.resolve('back')
    expect(await screen.findByText('Value: back')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
