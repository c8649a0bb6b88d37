import {
  type Accessor,
  type Component,
  createMemo,
  createResource,
  createUniqueId,
  For,
  Match,
  Show,
  Switch,
} from 'solid-js'
import type * as Y from 'yjs'
import { boxKind, isBox } from '../../../shared/canvas/kinds/index.ts'
import {
  documentBody,
  type FlowState,
  fragmentSections,
  PROJECTOR_ZOOMS,
  type ProjectorState,
  projectorFrame,
  projectorSection,
  readCanvasContent,
  setProjector,
} from '../../../shared/schema/index.ts'
import { displayText } from '../../../shared/schema/seedText.ts'
import { fetchLinks } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { Stepper } from '../../ui/Stepper.tsx'
import { createDocVersion } from '../flow/docText.ts'
import { FACILITATION_MESSAGES } from '../flow/messages.ts'
import { createStepResults } from '../flow/results.ts'
import { planPages, planPageTitle } from '../plan/planPages.ts'
import { ProjectorLink } from './ProjectorLink.tsx'

export interface ProjectorControlsProps {
  workshopId: string
  /** The facilitator's token: it lists the links the projector's own link is made of. */
  token: string
  doc: Y.Doc
  flow: Accessor<FlowState>
  origin: unknown
  writable: boolean
}

/**
 * The facilitator steers the projector from here: open it (on its own read-only link), show
 * or hide its QR code and timer, make its stage larger or smaller, and choose which frame of
 * the step's canvas or which section of its document it shows.
 */
export const ProjectorControls: Component<ProjectorControlsProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const id = createUniqueId()
  const version = createDocVersion(props.doc)
  const [links] = createResource(
    () => ({ id: props.workshopId, token: props.token }),
    (source) => fetchLinks(source.id, source.token),
  )
  const shown = () => props.flow().projector
  const change = (next: Partial<ProjectorState>) => {
    try {
      setProjector(props.doc, next, props.origin)
    } catch (error) {
      console.warn('projector change refused', error)
    }
  }
  const focus = () => {
    const flow = props.flow()
    return flow.status === 'running' ? (flow.phase?.focus ?? null) : null
  }
  const phaseId = () => props.flow().phase?.id ?? ''
  /** The frames of the step's canvas (named in the reader's language): what the stage may show. */
  const frames = createMemo(() => {
    version()
    const target = focus()
    if (!target || !('canvas' in target)) return []
    try {
      // In reading order: top to bottom, left to right, as the canvas shows them.
      return readCanvasContent(props.doc, target.canvas)
        .items.filter(isBox)
        .filter((item) => boxKind(item.kind).holdsItems)
        .sort((a, b) => a.y - b.y || a.x - b.x)
        .map((item) => ({ id: item.id, title: displayText(item, locale()) || item.id }))
    } catch {
      return []
    }
  })
  /** The sections of the step's document, or the plan's parts (`planPages`). */
  const sections = createMemo(() => {
    version()
    const target = focus()
    if (target && 'plan' in target)
      return planPages(props.doc).map((page) => ({ title: planPageTitle(page, t) }))
    const body = target && 'document' in target ? documentBody(props.doc, target.document) : null
    return body ? fragmentSections(body) : []
  })
  const onPlan = () => {
    const target = focus()
    return !!target && 'plan' in target
  }
  const stepResults = createStepResults(props.doc, props.flow)
  /**
   * What the stage may show one at a time, chosen here (`projector.section`, for this step):
   * one of the several results the step shows (else all of them); or, while it shows none, a
   * section of the step's document or a part of the plan (else the one edited last).
   */
  const parts = createMemo(() => {
    const results = stepResults()
    if (results.length > 0)
      return results.length > 1
        ? {
            label: t('projector.controls.results'),
            none: t('projector.controls.resultsAll'),
            titles: results.map((entry) => entry.phase.title[locale()]),
          }
        : null
    const titles = sections().map((section) => section.title)
    return titles.length > 1
      ? {
          label: onPlan() ? t('projector.controls.planPart') : t('projector.controls.section'),
          none: t('projector.controls.sectionEdited'),
          titles,
        }
      : null
  })
  const zoomAt = () => PROJECTOR_ZOOMS.findIndex((zoom) => zoom >= shown().zoom)
  const zoomTo = (index: number) => {
    const zoom = PROJECTOR_ZOOMS[Math.max(0, Math.min(index, PROJECTOR_ZOOMS.length - 1))]
    if (zoom !== undefined) change({ zoom })
  }

  return (
    <section class="panel projector-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="panel__title">
        {t('projector.controls.title')}
      </h2>
      <p class="muted">{t('projector.controls.intro')}</p>
      <Switch>
        <Match when={links.error}>
          {(error) => (
            <Notice tone="alert">
              {t('projector.controls.noLinks', {
                error: error() instanceof Error ? error().message : String(error()),
              })}
            </Notice>
          )}
        </Match>
        <Match when={links.state === 'ready' && links()}>
          {(ready) => (
            <ProjectorLink
              workshopId={props.workshopId}
              observerToken={ready().tokens.observer}
              joinUrl={ready().links.participant}
            />
          )}
        </Match>
      </Switch>
      <fieldset class="projector-controls__fields" disabled={!props.writable}>
        <legend class="visually-hidden">{t('projector.controls.title')}</legend>
        <label class="projector-controls__check">
          <input
            type="checkbox"
            checked={shown().showQr}
            onChange={(event) => change({ showQr: event.currentTarget.checked })}
          />
          {t('projector.controls.showQr')}
        </label>
        <label class="projector-controls__check">
          <input
            type="checkbox"
            checked={shown().showTimer}
            onChange={(event) => change({ showTimer: event.currentTarget.checked })}
          />
          {t('projector.controls.showTimer')}
        </label>
        {/* Named by what they show (« − », « + »), their titles say it in words (WCAG 2.5.3). */}
        <Stepper
          label={t('projector.controls.zoomGroup')}
          value={t('projector.controls.zoom', { percent: Math.round(shown().zoom * 100) })}
          down={{
            text: '−',
            title: t('projector.controls.zoomOut'),
            disabled: zoomAt() <= 0,
            onClick: () => zoomTo(zoomAt() - 1),
          }}
          up={{
            text: '+',
            title: t('projector.controls.zoomIn'),
            disabled: zoomAt() >= PROJECTOR_ZOOMS.length - 1,
            onClick: () => zoomTo(zoomAt() + 1),
          }}
        >
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={shown().zoom === 1}
            onClick={() => change({ zoom: 1 })}
          >
            {t('projector.controls.zoomReset')}
          </button>
        </Stepper>
        <Show when={frames().length > 0}>
          <label class="field">
            <span>{t('projector.controls.frame')}</span>
            <select
              value={projectorFrame(props.flow()) ?? ''}
              onChange={(event) => {
                const itemId = event.currentTarget.value
                change({ frame: itemId ? { phase: phaseId(), itemId } : null })
              }}
            >
              <option value="">{t('projector.controls.frameAll')}</option>
              <For each={frames()}>
                {(frame) => (
                  <option value={frame.id} selected={frame.id === projectorFrame(props.flow())}>
                    {frame.title}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <Show when={parts()}>
          {(shown) => (
            <label class="field">
              <span>{shown().label}</span>
              <select
                value={String(projectorSection(props.flow()) ?? '')}
                onChange={(event) => {
                  const value = event.currentTarget.value
                  change({
                    section: value === '' ? null : { phase: phaseId(), index: Number(value) },
                  })
                }}
              >
                <option value="">{shown().none}</option>
                <For each={shown().titles}>
                  {(title, index) => (
                    <option
                      value={String(index())}
                      selected={index() === projectorSection(props.flow())}
                    >
                      {title || `${index() + 1}`}
                    </option>
                  )}
                </For>
              </select>
            </label>
          )}
        </Show>
      </fieldset>
    </section>
  )
}

export default ProjectorControls
