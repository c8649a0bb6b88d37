import { useParams } from '@solidjs/router'
import {
  type Component,
  createEffect,
  createSignal,
  Match,
  onCleanup,
  Show,
  Switch,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { WorkshopSession } from '../../../shared/api.ts'
import { credentialProtocols } from '../../../shared/protocol.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createWorkshopSession, WorkshopGate } from '../../app/WorkshopGate.tsx'
import { createDocInfo } from '../../state/createDocInfo.ts'
import { createFlow, createNow } from '../../state/createFlow.ts'
import { syncUrl } from '../../sync/connection.ts'
import { FitText } from '../../ui/FitText.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { QrCode } from '../../ui/QrCode.tsx'
import { PhaseTimer } from '../flow/PhaseTimer.tsx'
import { ProjectorEnd } from './ProjectorEnd.tsx'
import { ProjectorStage } from './ProjectorStage.tsx'
import { keepProjectorLink, readProjectorLink } from './projectorToken.ts'
import '../flow/flow.css'
import './projector.css'
import { FACILITATION_MESSAGES } from '../flow/messages.ts'

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

/** The instructions in the foot: at most 24 % of its height (2.4 % of the screen's). */
const INSTRUCTIONS = 0.24

export interface ProjectorViewProps {
  doc: Y.Doc
  session: WorkshopSession
  /** The participant link for the QR code (the projector link carries it), or null. */
  joinUrl: string | null
  status?: string
}

/**
 * What a person types to join: the participant link without its scheme, that is its host, its
 * path and the fragment with the participant token (the link needs them all), in two parts,
 * each on lines of its own. Null for a link that is not one.
 */
const typedAddress = (url: string): { place: string; token: string } | null => {
  try {
    const link = new URL(url)
    return { place: `${link.host}${link.pathname}`, token: link.hash }
  } catch {
    return null
  }
}

/**
 * What the room sees, always exactly one screen: a band with the step and the timer, the stage
 * (what the step is about, fitted and large), and a foot with the step's instructions and a
 * corner to join. The facilitator chooses from their screen what is shown (ProjectorControls).
 */
export const ProjectorView: Component<ProjectorViewProps> = (props) => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const flow = createFlow(props.doc)
  const now = createNow()
  const info = createDocInfo(props.doc)

  const title = () => info.meta()?.title ?? props.session.workshop.title
  createEffect(() => {
    document.title = `${t('flow.projector.title')} — ${title()}`
  })
  const phase = () => (flow().status === 'running' ? flow().phase : null)
  const shown = () => flow().projector
  const heading = () => {
    const state = flow()
    if (state.status === 'ended') return t('flow.banner.ended.title')
    return phase() ? null : t('flow.banner.ready.title')
  }
  /** Before the start, the stage is the way in: the QR code, large. */
  const joining = () => flow().status !== 'running' && flow().status !== 'ended'
  const join = (large: boolean) => (
    <Show
      when={props.joinUrl}
      fallback={<p class="projector__ask">{t('flow.projector.askLink')}</p>}
    >
      {(url) => (
        <div class="projector__join" classList={{ 'projector__join--large': large }}>
          <QrCode value={url()} label={t('flow.projector.joinQr')} />
          <div class="projector__join-text">
            <p class="projector__join-title">{t('flow.projector.join')}</p>
            <Show when={typedAddress(url())}>
              {(address) => (
                <p class="projector__address">
                  <span>{address().place}</span>
                  <span>{address().token}</span>
                </p>
              )}
            </Show>
          </div>
        </div>
      )}
    </Show>
  )
  /** The stage when the step points at nothing: what to do, in words; at the end, its end. */
  const Words: Component = () => (
    <Show
      when={flow().status !== 'ended'}
      fallback={<ProjectorEnd doc={props.doc} title={title()} largest={0.07 * shown().zoom} />}
    >
      <FitText class="projector__fit" largest={0.07 * shown().zoom}>
        <Switch>
          <Match when={phase()}>
            {(current) => <p class="projector__words">{current().instructions[locale()]}</p>}
          </Match>
          <Match when={flow().phases.length > 0}>
            <p class="projector__words">{plural('flow.banner.ready.body', flow().phases.length)}</p>
          </Match>
        </Switch>
      </FitText>
    </Show>
  )
  const stageWords = () => !phase()?.focus && !phase()?.vote && !phase()?.results
  /** The instructions under the stage when the stage shows something else. */
  const footWords = () => (phase() && !stageWords() ? phase() : null)
  /** The corner to join, while people may still join: from the start to the end. */
  const corner = () => shown().showQr && flow().status === 'running'

  return (
    <div
      class="projector"
      classList={{ 'projector--bare': !footWords() && !corner() }}
      data-status={flow().status}
    >
      <header class="projector__band">
        <h1
          class="projector__title"
          aria-label={
            phase()
              ? t('flow.banner.heading', {
                  n: flow().phaseIndex + 1,
                  total: flow().phases.length,
                  title: phase()?.title[locale()] ?? '',
                })
              : undefined
          }
        >
          <Show when={phase()} fallback={<span class="projector__name">{heading()}</span>}>
            {(current) => (
              <>
                <span class="projector__step">
                  {t('flow.banner.step', { n: flow().phaseIndex + 1, total: flow().phases.length })}
                </span>
                <span class="projector__name">{current().title[locale()]}</span>
              </>
            )}
          </Show>
        </h1>
        <p class="projector__workshop">{title()}</p>
        <Show when={props.status && props.status !== 'connected'}>
          <p class="projector__connection" role="status">
            {props.status === 'connecting'
              ? t('flow.projector.connecting')
              : t('flow.projector.offline')}
          </p>
        </Show>
        <Show when={phase() && shown().showTimer}>
          <PhaseTimer timer={flow().timer} now={now} size="large" />
        </Show>
      </header>
      <section class="projector__stage" aria-label={t('projector.stage.label')}>
        <Show
          when={!joining() || !shown().showQr}
          fallback={
            <div class="projector__welcome">
              <Words />
              {join(true)}
            </div>
          }
        >
          <ProjectorStage doc={props.doc} flow={flow} fallback={Words} />
        </Show>
      </section>
      <footer class="projector__foot">
        <Show when={footWords()}>
          {(current) => (
            // Whole, at the largest size that fits the foot: never cut, however long.
            <FitText class="projector__instructions" largest={INSTRUCTIONS}>
              <p>{current().instructions[locale()]}</p>
            </FitText>
          )}
        </Show>
        <Show when={corner()}>{join(false)}</Show>
      </footer>
    </div>
  )
}

/**
 * `/w/:id/projector`: the projector's own link (an observer token, and the participant link
 * for its QR code), its session, a read-only connection, the view. Any other role's link is
 * refused and kept nowhere: a projector holds nothing that writes.
 */
export const ProjectorRoute: Component<{ workshopId: string }> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const link = readProjectorLink(props.workshopId)
  // No copy of the session on this device: like its link, nothing of it outlives the tab.
  const state = createWorkshopSession(props.workshopId, link?.token ?? null, null)

  return (
    <main id="main" class="projector-page" tabindex="-1">
      <WorkshopGate
        state={state}
        frameNotice={(notice) => <div class="projector-page__notice">{notice}</div>}
      >
        {(ready) => (
          <Show
            when={ready().session.role === 'observer' && link}
            fallback={
              <div class="projector-page__notice">
                <Notice tone="alert" title={t('projector.wrongLink.title')}>
                  {t('projector.wrongLink.body')}
                </Notice>
              </div>
            }
          >
            {(kept) => {
              keepProjectorLink(props.workshopId, kept())
              const connection = openProjectorConnection(props.workshopId, ready().token)
              onCleanup(connection.destroy)
              return (
                <ProjectorView
                  doc={connection.doc}
                  session={ready().session}
                  joinUrl={kept().join}
                  status={connection.status()}
                />
              )
            }}
          </Show>
        )}
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
