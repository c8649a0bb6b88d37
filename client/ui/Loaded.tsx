import { type Accessor, type JSX, type Resource, Show, Suspense } from 'solid-js'

export interface LoadedProps<T> {
  resource: Resource<T>
  /** Said (as a status) while the resource loads. */
  loading: string
  /** The alert shown when loading failed, from the error thrown. */
  error: (error: unknown) => string
  /** A button after the alert that tries again. */
  retry?: { label: string; onRetry: () => void }
  children: (value: Accessor<NonNullable<T>>) => JSX.Element
}

/** A resource from the server: an alert if it failed, a status while it loads, then its value. */
export const Loaded = <T,>(props: LoadedProps<T>): JSX.Element => (
  <Show
    when={!props.resource.error}
    fallback={
      <p class="field__error" role="alert">
        {props.error(props.resource.error)}
        <Show when={props.retry}>
          {(retry) => (
            <>
              {' '}
              <button
                type="button"
                class="button button--secondary button--small"
                onClick={() => retry().onRetry()}
              >
                {retry().label}
              </button>
            </>
          )}
        </Show>
      </p>
    }
  >
    <Suspense fallback={<p role="status">{props.loading}</p>}>
      <Show when={props.resource()}>{(value) => props.children(value)}</Show>
    </Suspense>
  </Show>
)
