import {
  type Component,
  createResource,
  createSignal,
  createUniqueId,
  For,
  lazy,
  onCleanup,
  Show,
} from 'solid-js'
import type { VersionSummary } from '../../../shared/api.ts'
import { docFromState, type VersionDiff } from '../../../shared/schema/versions.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { createAction } from '../../ui/createAction.ts'
import { TextField } from '../../ui/Field.tsx'
import { FieldError } from '../../ui/FieldError.tsx'
import { Loaded } from '../../ui/Loaded.tsx'
import { ScrollTable } from '../../ui/ScrollTable.tsx'
import { ArtefactsProvider, errorMessage, useArtefacts } from '../artefacts/context.tsx'
import { formatDate, formatDateTime } from '../artefacts/format.ts'
import {
  createVersion,
  fetchDiff,
  fetchVersionState,
  fetchVersions,
  restoreVersion,
} from './api.ts'
import { DiffView } from './DiffView.tsx'
import { ExportsSection } from './ExportsSection.tsx'

const DecisionsPanel = lazy(() => import('../decisions/DecisionsPanel.tsx'))
const ChartersPanel = lazy(() => import('../charters/ChartersPanel.tsx'))
const PlanPanel = lazy(() => import('../plan/PlanPanel.tsx'))
const DocumentsPanel = lazy(() => import('../documents/DocumentsPanel.tsx'))

export const CURRENT = 'current'

/** What the panel says when the server failed it (naming, restoring, opening, comparing). */
const failed = (t: Translate) => (failure: unknown) =>
  t('versions.failed', { error: errorMessage(failure) })

/** Versions (history, naming, comparing, reading, restoring) and exports. */
const VersionsPanel: Component = () => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const [versions, { refetch }] = createResource(() => fetchVersions(ctx.workshopId, ctx.token))
  const [opened, setOpened] = createSignal<VersionSummary | null>(null)
  const [compare, setCompare] = createSignal<{ from: string; to: string } | null>(null)
  const ids = { history: createUniqueId(), compare: createUniqueId() }
  const canName = () => ctx.role !== 'observer' && !ctx.ended()
  // The server names the author; a version made by a link that proved nobody shows its role.
  const authorOf = (version: VersionSummary) =>
    version.author ||
    (version.authorRole ? t(`role.${version.authorRole}`) : t('versions.noAuthor'))
  const nameOf = (id: string) =>
    id === CURRENT ? t('versions.current') : (versions()?.find((v) => v.id === id)?.name ?? id)

  return (
    <div class="artefact versions">
      <h3>{t('versions.title')}</h3>
      <p class="muted">{t('versions.intro')}</p>

      <Show when={canName()}>
        <NameVersionForm
          onNamed={(version) => {
            void refetch()
            ctx.announce(t('versions.named', { name: version.name }))
          }}
        />
      </Show>

      {/* Not a landmark itself: the table's scrolling region below is the one of this name. */}
      <div class="versions__history">
        <h4 id={ids.history}>{t('versions.history')}</h4>
        <Loaded
          resource={versions}
          loading={t('versions.loading')}
          error={(error) => t('versions.error', { error: errorMessage(error) })}
          retry={{ label: t('versions.retry'), onRetry: () => void refetch() }}
        >
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{t('versions.empty')}</p>}>
              <ScrollTable labelledBy={ids.history} class="versions__table">
                <thead>
                  <tr>
                    <th scope="col">{t('versions.col.name')}</th>
                    <th scope="col">{t('versions.col.date')}</th>
                    <th scope="col">{t('versions.col.author')}</th>
                    <th scope="col">{t('versions.col.size')}</th>
                    <th scope="col">{t('versions.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={[...list()].reverse()}>
                    {(version) => (
                      <tr>
                        <th scope="row">{version.name}</th>
                        <td>
                          <time datetime={new Date(version.createdAt).toISOString()}>
                            {formatDateTime(locale(), version.createdAt)}
                          </time>
                        </td>
                        <td>{authorOf(version)}</td>
                        <td>
                          {t('versions.size.kb', {
                            size: new Intl.NumberFormat(locale(), {
                              maximumFractionDigits: 1,
                            }).format(version.size / 1024),
                          })}
                        </td>
                        <td>
                          <div class="form__actions">
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              aria-label={t('versions.open', { name: version.name })}
                              onClick={() => setOpened(version)}
                            >
                              {t('versions.openShort')}
                            </button>
                            <Show when={ctx.role === 'facilitator'}>
                              <RestoreButton version={version} onRestored={() => void refetch()} />
                            </Show>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </ScrollTable>
            </Show>
          )}
        </Loaded>
      </div>

      <section class="versions__compare" aria-labelledby={ids.compare}>
        <h4 id={ids.compare}>{t('diff.title')}</h4>
        <Show
          when={(versions() ?? []).length > 0}
          fallback={<p class="muted">{t('diff.needTwo')}</p>}
        >
          <CompareForm
            versions={versions() ?? []}
            initial={compare()}
            onCompare={(from, to) => setCompare({ from, to })}
          />
        </Show>
        <Show when={compare()} keyed>
          {(pair) => <DiffResult from={pair.from} to={pair.to} nameOf={nameOf} />}
        </Show>
      </section>

      <Show when={opened()} keyed>
        {(version) => (
          <VersionView
            version={version}
            onClose={() => setOpened(null)}
            onCompare={() => {
              setCompare({ from: version.id, to: CURRENT })
              setOpened(null)
            }}
          />
        )}
      </Show>

      <ExportsSection />
    </div>
  )
}

const NameVersionForm: Component<{ onNamed: (version: VersionSummary) => void }> = (props) => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const id = createUniqueId()
  const { busy, error, setError, run } = createAction()
  let input: HTMLInputElement | undefined
  const today = () => formatDate(locale(), Date.now())
  return (
    <form
      class="inline-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const name = input?.value.trim() ?? ''
        if (!name) {
          setError(t('versions.name.required'))
          input?.focus()
          return
        }
        void run(async () => {
          const version = await createVersion(ctx.workshopId, ctx.token, ctx.participant, name)
          if (input) input.value = ''
          props.onNamed(version)
        }, failed(t))
      }}
    >
      <h4 id={`${id}-heading`}>{t('versions.name')}</h4>
      <TextField
        for={id}
        label={t('versions.name.label')}
        hint={t('versions.name.hint', { date: today() })}
        error={error()}
        alert
        maxLength={120}
        ref={(element) => {
          input = element
        }}
      />
      <div class="form__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy()}>
          {t('versions.name.submit')}
        </button>
        <button
          type="button"
          class="button button--secondary button--small"
          onClick={() => {
            if (input) {
              input.value = t('versions.name.default', { date: today() })
              input.focus()
            }
          }}
        >
          {t('versions.name.default', { date: today() })}
        </button>
      </div>
    </form>
  )
}

const CompareForm: Component<{
  versions: VersionSummary[]
  initial: { from: string; to: string } | null
  onCompare: (from: string, to: string) => void
}> = (props) => {
  const { t, locale } = useI18n()
  const id = createUniqueId()
  const [error, setError] = createSignal('')
  const latest = () => props.versions.at(-1)?.id ?? ''
  const label = (version: VersionSummary) =>
    `${version.name} — ${formatDateTime(locale(), version.createdAt)}`
  const options = (withCurrent: boolean, selected: string) => (
    <>
      <For each={[...props.versions].reverse()}>
        {(version) => (
          <option value={version.id} selected={version.id === selected}>
            {label(version)}
          </option>
        )}
      </For>
      <Show when={withCurrent}>
        <option value={CURRENT} selected={selected === CURRENT}>
          {t('versions.current')}
        </option>
      </Show>
    </>
  )
  return (
    <form
      class="inline-form inline-form--grid"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const data = new FormData(event.currentTarget)
        const from = String(data.get('from') ?? '')
        const to = String(data.get('to') ?? '')
        if (from === to) {
          setError(t('diff.same'))
          return
        }
        setError('')
        props.onCompare(from, to)
      }}
    >
      <div class="field">
        <label for={`${id}-from`}>{t('diff.from')}</label>
        <select id={`${id}-from`} name="from">
          {options(true, props.initial?.from ?? latest())}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-to`}>{t('diff.to')}</label>
        <select id={`${id}-to`} name="to">
          {options(true, props.initial?.to ?? CURRENT)}
        </select>
      </div>
      <FieldError when={error()} alert>
        {error()}
      </FieldError>
      <div class="form__actions">
        <button type="submit" class="button button--primary button--small">
          {t('diff.submit')}
        </button>
      </div>
    </form>
  )
}

const DiffResult: Component<{ from: string; to: string; nameOf: (id: string) => string }> = (
  props,
) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const [diff] = createResource<VersionDiff>(() =>
    fetchDiff(ctx.workshopId, ctx.token, props.from, props.to),
  )
  return (
    <div class="diff-result" aria-live="polite">
      <Loaded resource={diff} loading={t('diff.loading')} error={failed(t)}>
        {(result) => (
          <DiffView
            diff={result()}
            title={t('diff.result', {
              from: props.nameOf(props.from),
              to: props.nameOf(props.to),
            })}
          />
        )}
      </Loaded>
    </div>
  )
}

const RestoreButton: Component<{ version: VersionSummary; onRestored: () => void }> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const [asking, setAsking] = createSignal(false)
  const { busy, error, run } = createAction()
  const restore = () =>
    run(async () => {
      const name = props.version.name
      // Never destructive: today's state is kept as a version before it is replaced.
      await createVersion(
        ctx.workshopId,
        ctx.token,
        ctx.participant,
        t('versions.restore.before', { name }).slice(0, 120),
      )
      await restoreVersion(
        ctx.workshopId,
        ctx.token,
        ctx.participant,
        props.version.id,
        t('versions.restore.name', { name }).slice(0, 120),
      )
      setAsking(false)
      ctx.announce(t('versions.restored', { name }))
      props.onRestored()
    }, failed(t))
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class="button button--secondary button--small"
          aria-label={t('versions.restore', { name: props.version.name })}
          onClick={() => setAsking(true)}
        >
          {t('versions.restoreShort')}
        </button>
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a question and its two buttons, not a form */}
      <div
        class="card confirm"
        role="group"
        aria-label={t('versions.restore', { name: props.version.name })}
      >
        <p class="confirm__question">
          {t('versions.restore.confirm', { name: props.version.name })}
        </p>
        <FieldError when={error()} alert>
          {error()}
        </FieldError>
        <div class="form__actions">
          <button
            type="button"
            class="button button--primary button--small"
            disabled={busy()}
            onClick={() => void restore()}
          >
            {t('versions.restore.submit')}
          </button>
          <button
            ref={(element) => queueMicrotask(() => element.focus())}
            type="button"
            class="button button--secondary button--small"
            onClick={() => setAsking(false)}
          >
            {t('artefacts.cancel')}
          </button>
        </div>
      </div>
    </Show>
  )
}

/** A stored version, opened read-only: its decisions, charters, plan and documents. */
const VersionView: Component<{
  version: VersionSummary
  onClose: () => void
  onCompare: () => void
}> = (props) => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const headingId = createUniqueId()
  const [doc] = createResource(async () =>
    docFromState(await fetchVersionState(ctx.workshopId, ctx.token, props.version.id)),
  )
  onCleanup(() => doc()?.destroy())
  return (
    <section class="version-view" aria-labelledby={headingId}>
      <div class="version-view__banner">
        <h4 id={headingId} tabIndex={-1} ref={(element) => queueMicrotask(() => element.focus())}>
          {t('versions.readOnlyTitle', { date: formatDateTime(locale(), props.version.createdAt) })}
        </h4>
        <p>
          <strong>{t('versions.readOnlyName', { name: props.version.name })}</strong>
        </p>
        <p>{t('versions.readOnlyNote')}</p>
        <div class="form__actions">
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={props.onCompare}
          >
            {t('versions.compareWithCurrent')}
          </button>
          <button
            type="button"
            class="button button--primary button--small"
            onClick={props.onClose}
          >
            {t('versions.closeView')}
          </button>
        </div>
      </div>
      <Loaded resource={doc} loading={t('versions.opening')} error={failed(t)}>
        {(old) => (
          <ArtefactsProvider
            value={{
              ...ctx,
              doc: old(),
              awareness: null,
              writable: () => false,
              snapshot: true,
            }}
          >
            <div class="version-view__content" data-readonly="true">
              <DecisionsPanel />
              <ChartersPanel />
              <PlanPanel />
              <DocumentsPanel />
            </div>
          </ArtefactsProvider>
        )}
      </Loaded>
    </section>
  )
}

export default VersionsPanel
