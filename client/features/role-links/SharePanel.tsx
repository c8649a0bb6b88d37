import {
  type Component,
  createEffect,
  createResource,
  createSignal,
  For,
  Match,
  on,
  Show,
  Switch,
} from 'solid-js'
import { ROLES, type Role } from '../../../shared/roles.ts'
import { fetchLinks } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { CopyButton } from '../../ui/CopyButton.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { QrCode } from '../../ui/QrCode.tsx'
import { FACILITATION_MESSAGES } from '../flow/messages.ts'
import { RotateLink } from './RotateLink.tsx'

export interface SharePanelProps {
  workshopId: string
  /** The facilitator token: only facilitators may list the links. */
  token: string
  /**
   * Each new number above zero (the top bar's « Partager l’atelier ») scrolls the section to
   * the top of the panel and puts the focus on its heading; one already there when it first
   * shows does.
   */
  bringIntoView?: number
}

const lowerFirst = (text: string, locale: string) =>
  text.charAt(0).toLocaleLowerCase(locale) + text.slice(1)

/**
 * The facilitator's "Share" panel: one copyable link and QR code per role. The facilitator's
 * own QR code is folded away so it is not shown on a projector by accident. The other links
 * can be replaced (one that went too far: a photo of the projector, a forwarded email); the
 * facilitator's own cannot from here, as this page holds it.
 */
export const SharePanel: Component<SharePanelProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const [links, { mutate }] = createResource(
    () => ({ id: props.workshopId, token: props.token }),
    (source) => fetchLinks(source.id, source.token),
  )
  const linkName = (role: Role) => lowerFirst(t(`share.${role}`), locale())
  /** Which link was just replaced, said once (a polite live region). */
  const [rotated, setRotated] = createSignal<Role | null>(null)
  let heading: HTMLHeadingElement | undefined
  // Its top at the panel's top, the links under it in view (jsdom scrolls nothing).
  const bringUp = () => heading?.scrollIntoView?.({ block: 'start' })
  /** Asked while the links load: the section is short yet, so it comes up again once they do. */
  let waiting = false
  createEffect(
    on(
      () => props.bringIntoView ?? 0,
      (asked) => {
        if (asked === 0 || !heading) return
        bringUp()
        heading.focus({ preventScroll: true })
        waiting = links.state !== 'ready'
      },
    ),
  )
  createEffect(
    on(
      () => links.state,
      (state) => {
        if (state !== 'ready' || !waiting) return
        waiting = false
        bringUp()
      },
    ),
  )

  return (
    <section class="panel share" aria-labelledby="share-title">
      <h2 id="share-title" class="panel__title" tabindex="-1" ref={heading}>
        {t('share.title')}
      </h2>
      <p>{t('share.intro')}</p>
      <Switch>
        <Match when={links.error}>
          {(error) => (
            <Notice tone="alert">
              {t('share.error', {
                error: error() instanceof Error ? error().message : String(error()),
              })}
            </Notice>
          )}
        </Match>
        <Match when={links.state === 'ready' && links()}>
          {(ready) => (
            <ul class="share__list">
              <For each={ROLES}>
                {(role) => {
                  const url = () => ready().links[role]
                  const inputId = `share-link-${role}`
                  return (
                    <li class="share__item" data-role={role}>
                      <h3 class="share__role">{t(`share.${role}`)}</h3>
                      <p class="field__hint">{t(`share.${role}.hint`)}</p>
                      <div class="share__copy">
                        <label class="visually-hidden" for={inputId}>
                          {t(`share.${role}`)}
                        </label>
                        <input
                          id={inputId}
                          class="share__url"
                          type="text"
                          readOnly
                          value={url()}
                          onFocus={(event) => event.currentTarget.select()}
                        />
                        <CopyButton
                          text={url()}
                          label={t('share.copyLabel', { link: linkName(role) })}
                          copiedText={t('share.copied')}
                          failedText={t('share.copyFailed')}
                        >
                          {t('share.copy')}
                        </CopyButton>
                      </div>
                      <Show when={role !== 'facilitator'}>
                        <RotateLink
                          workshopId={props.workshopId}
                          token={props.token}
                          role={role}
                          linkName={linkName(role)}
                          onRotated={(next) => {
                            mutate(next)
                            setRotated(role)
                          }}
                        />
                      </Show>
                      <Show
                        when={role !== 'facilitator'}
                        fallback={
                          <details class="share__qr-toggle">
                            <summary>{t('share.showQr')}</summary>
                            <QrCode
                              value={url()}
                              label={t('share.qrLabel', { link: linkName(role) })}
                            />
                          </details>
                        }
                      >
                        <QrCode
                          value={url()}
                          label={t('share.qrLabel', { link: linkName(role) })}
                        />
                      </Show>
                    </li>
                  )
                }}
              </For>
            </ul>
          )}
        </Match>
        <Match when={links.loading}>
          <p role="status">{t('share.loading')}</p>
        </Match>
      </Switch>
      <p class="share__status" role="status">
        <Show when={rotated()}>{(role) => t('share.rotate.done', { link: linkName(role()) })}</Show>
      </p>
    </section>
  )
}

export default SharePanel
