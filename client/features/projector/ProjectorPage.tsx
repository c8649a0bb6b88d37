import { useParams } from '@solidjs/router'
import {
  type Component,
  createEffect,
  createMemo,
  createResource,
  createSignal,
  lazy,
  Match,
  onCleanup,
  Show,
  Suspense,
  Switch,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { WorkshopSession } from '../../../shared/api.ts'
import { credentialProtocols } from '../../../shared/protocol.ts'
import { resultsMap } from '../../../shared/schema/roots.ts'
import { readResult } from '../../../shared/schema/votes.ts'
import { fetchLinks } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createWorkshopSession, WorkshopGate } from '../../app/WorkshopGate.tsx'
import { createDocInfo } from '../../state/createDocInfo.ts'
import { createFlow, createNow } from '../../state/createFlow.ts'
import { syncUrl } from '../../sync/connection.ts'
import { QrCode } from '../../ui/QrCode.tsx'
import { canvasTitleOf, createDocVersion, itemText } from '../flow/docText.ts'
import { PhaseTimer } from '../flow/PhaseTimer.tsx'
import { phaseRules } from '../flow/rules.ts'
import { loadToken } from '../workspace/token.ts'
import { projectorTokenKey } from './projectorToken.ts'
import '../flow/flow.css'
import './projector.css'

const VoteResults = lazy(() => import('../flow/VoteResults.tsx'))
const ProjectorCanvas = lazy(() => import('./ProjectorCanvas.tsx'))

export interface ProjectorConnection {
  doc: Y.Doc
  /** `connecting`, `connected` or `disconnected` (y-websocket's statuses). */
  status: () => string
  awareness: Awareness | null
  destroy: () => void
}

/**
 * A read-only connection: it never writes to the document, publishes no presence (so the
 * projector is not listed among the people online), and keeps no copy on the device.
 */
export const openProjectorConnection = (workshopId: string, token: string): ProjectorConnection => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl(), workshopId, doc, {
    protocols: credentialProtocols({ token }),
  })
  provider.awareness.setLocalState(null)
  const [status, setStatus] = createSignal('connecting')
  const onStatus = (event: { status: string }) => setStatus(event.status)
  provider.on('status', onStatus)
  return {
    doc,
    status,
    awareness: null,
    destroy: () => {
      provider.off('status', onStatus)
      provider.destroy()
      doc.destroy()
    },
  }
}

export interface ProjectorViewProps {
  doc: Y.Doc
  session: WorkshopSession
  /** The participant link (only known with the facilitator's token), for the QR code. */
  joinUrl: string | null
  status?: string
}

/** What the room sees: the step, its instructions, the timer, the results, the QR code. */
export const ProjectorView: Component<ProjectorViewProps> = (props) => {
  const { t, locale, plural } = useI18n()
  const flow = createFlow(props.doc)
  const now = createNow()
  const info = createDocInfo(props.doc)
  const version = createDocVersion(props.doc)
  const [resultsVersion, setResultsVersion] = createSignal(0)
  const results = resultsMap(props.doc)
  const bump = () => setResultsVersion((n) => n + 1)
  results.observeDeep(bump)
  onCleanup(() => results.unobserveDeep(bump))

  const title = () => info.meta()?.title ?? props.session.workshop.title
  createEffect(() => {
    document.title = `${t('flow.projector.title')} — ${title()}`
  })
  const phase = () => (flow().status === 'running' ? flow().phase : null)
  const result = createMemo(() => {
    resultsVersion()
    const current = phase()
    return current?.vote ? readResult(props.doc, current.id) : null
  })
  const focusCanvas = createMemo(() => {
    version()
    const focus = phase()?.focus
    if (!focus || !('canvas' in focus)) return null
    const name = canvasTitleOf(props.doc, focus.canvas, locale())
    return name ? { id: focus.canvas, title: name } : null
  })
  const spotlight = createMemo(() => {
    version()
    const target = flow().spotlight
    return target ? itemText(props.doc, target.canvasId, target.itemId, locale()) : null
  })

  return (
    <div class="projector" data-status={flow().status} data-results={result() ? 'true' : 'false'}>
      <header class="projector__header">
        <p class="projector__workshop">{title()}</p>
        <Show when={props.status && props.status !== 'connected'}>
          <p class="projector__connection" role="status">
            {props.status === 'connecting'
              ? t('flow.projector.connecting')
              : t('flow.projector.offline')}
          </p>
        </Show>
      </header>
      <div class="projector__grid">
        <section class="projector__phase" aria-label={t('flow.banner.label')}>
          <Switch>
            <Match when={flow().phases.length === 0 || flow().status === 'ready'}>
              <h1 class="projector__title">{t('flow.banner.ready.title')}</h1>
              <Show when={flow().phases.length > 0}>
                <p class="projector__instructions">
                  {plural('flow.banner.ready.body', flow().phases.length)}
                </p>
              </Show>
            </Match>
            <Match when={flow().status === 'ended'}>
              <h1 class="projector__title">{t('flow.banner.ended.title')}</h1>
              <p class="projector__instructions">{t('flow.banner.ended.body')}</p>
            </Match>
            <Match when={phase()}>
              {(current) => (
                <>
                  <h1
                    class="projector__title"
                    aria-label={t('flow.banner.heading', {
                      n: flow().phaseIndex + 1,
                      total: flow().phases.length,
                      title: current().title[locale()],
                    })}
                  >
                    <span class="projector__step">
                      {t('flow.banner.step', {
                        n: flow().phaseIndex + 1,
                        total: flow().phases.length,
                      })}
                    </span>
                    <span class="projector__name">{current().title[locale()]}</span>
                  </h1>
                  <p class="projector__instructions">{current().instructions[locale()]}</p>
                  <ul class="projector__rules">
                    {phaseRules(t, current(), locale()).map((rule) => (
                      <li>{rule}</li>
                    ))}
                  </ul>
                  <Show when={spotlight()}>
                    <p class="projector__spotlight">
                      <span aria-hidden="true">★ </span>
                      {t('flow.banner.spotlight', { text: spotlight() ?? '' })}
                    </p>
                  </Show>
                </>
              )}
            </Match>
          </Switch>
        </section>
        <aside class="projector__side">
          <Show when={phase()}>
            <PhaseTimer timer={flow().timer} now={now} size="large" />
          </Show>
          <div class="projector__join">
            <Show
              when={props.joinUrl}
              fallback={<p class="projector__ask">{t('flow.projector.askLink')}</p>}
            >
              {(url) => (
                <>
                  <p class="projector__join-title">{t('flow.projector.join')}</p>
                  <QrCode value={url()} label={t('flow.projector.joinQr')} />
                </>
              )}
            </Show>
          </div>
        </aside>
      </div>
      <Suspense fallback={<p role="status">{t('flow.results.loading')}</p>}>
        <Show when={phase() && result() ? { phase: phase(), result: result() } : null}>
          {(entry) => (
            <div class="projector__results">
              <VoteResults
                doc={props.doc}
                // biome-ignore lint/style/noNonNullAssertion: checked by the Show above
                phase={entry().phase!}
                // biome-ignore lint/style/noNonNullAssertion: checked by the Show above
                result={entry().result!}
                size="large"
              />
            </div>
          )}
        </Show>
        <Show when={!result() && focusCanvas()}>
          {(canvas) => (
            <section
              class="projector__canvas"
              aria-label={t('flow.projector.canvas', { title: canvas().title })}
            >
              <h2 class="projector__canvas-title">
                {t('flow.projector.canvas', { title: canvas().title })}
              </h2>
              {/* Keyed: a step on another canvas makes a new board (a board shows one canvas). */}
              <Show when={canvas().id} keyed>
                {(id) => (
                  <ProjectorCanvas
                    doc={props.doc}
                    canvasId={id}
                    canvasTitle={canvas().title}
                    flow={flow}
                  />
                )}
              </Show>
            </section>
          )}
        </Show>
      </Suspense>
    </div>
  )
}

/**
 * `/w/:id/projector`: token from the link (the observer's, from the share panel), session, a
 * read-only connection, the view.
 */
export const ProjectorRoute: Component<{ workshopId: string }> = (props) => {
  const state = createWorkshopSession(props.workshopId, projectorTokenKey)
  const { session, token } = state
  // Only the facilitator's token may list the links: then the QR code shows the participant
  // link. The projector's own token is the observer's; on the facilitator's device (where the
  // share panel opens it) the workshop page's saved token is the facilitator's, sent in a header.
  const [links] = createResource(
    () => {
      if (session.state !== 'ready') return false
      const facilitator = session().role === 'facilitator' ? token : loadToken(props.workshopId)
      return facilitator ? { id: props.workshopId, token: facilitator } : false
    },
    (source) => fetchLinks(source.id, source.token).catch(() => null),
  )

  return (
    <main id="main" class="projector-page" tabindex="-1">
      <WorkshopGate state={state}>
        {(ready) => {
          const connection = openProjectorConnection(props.workshopId, ready().token)
          onCleanup(connection.destroy)
          return (
            <ProjectorView
              doc={connection.doc}
              session={ready().session}
              joinUrl={links()?.links.participant ?? null}
              status={connection.status()}
            />
          )
        }}
      </WorkshopGate>
    </main>
  )
}

export const ProjectorPage: Component = () => {
  const params = useParams()
  return (
    <Show when={params.id} keyed>
      {(id) => <ProjectorRoute workshopId={id} />}
    </Show>
  )
}

export default ProjectorPage
