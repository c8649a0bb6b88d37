import { type Accessor, type Component, createSignal, Show } from 'solid-js'
import { isRefusalCode } from '../../../shared/schema/rights.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { Notice } from '../../ui/Notice.tsx'

/** A refusal the server sent (its reason as received), numbered so the same one twice is news. */
export interface Refusal {
  reason: string
  n: number
}

/** The latest refusal of either connection (workshop, private), and the handler they report to. */
export const createRefusals = (): {
  refusal: Accessor<Refusal | null>
  report: (reason: string) => void
  dismiss: () => void
} => {
  const [refusal, setRefusal] = createSignal<Refusal | null>(null)
  let count = 0
  return {
    refusal,
    report: (reason) => setRefusal({ reason, n: ++count }),
    dismiss: () => setRefusal(null),
  }
}

/** What was refused, in words: `refusal.<code>`, or a generic sentence for a code we do not know. */
export const refusalText = (t: Translate, reason: string): string =>
  isRefusalCode(reason) ? t(`refusal.${reason}`) : t('refusal.generic')

/**
 * Says that the server reverted a change of this person's and why. Fixed at the bottom of the
 * window, so it is seen wherever the page is scrolled (the canvas on a phone), and an alert, so
 * screen readers announce it at once; it stays until closed or replaced by the next refusal.
 */
export const RefusalNotice: Component<{ refusal: Refusal | null; onDismiss: () => void }> = (
  props,
) => {
  const { t } = useI18n()
  return (
    <div class="refusal-notice">
      <Show when={props.refusal} keyed>
        {(refusal) => (
          <Notice
            tone="alert"
            title={t('refusal.title')}
            actions={
              <button type="button" class="button" onClick={() => props.onDismiss()}>
                {t('refusal.dismiss')}
              </button>
            }
          >
            <p data-refusal={refusal.reason}>{refusalText(t, refusal.reason)}</p>
          </Notice>
        )}
      </Show>
    </div>
  )
}
