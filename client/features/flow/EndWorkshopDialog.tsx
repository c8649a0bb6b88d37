import type { Component } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { Dialog } from '../../ui/Dialog.tsx'

/** Asked before the workshop ends (only the facilitator changes it then; it can be reopened). */
export const EndWorkshopDialog: Component<{ onEnd: () => void; onClose: () => void }> = (props) => {
  const { t } = useI18n()
  return (
    <Dialog
      block="flow-modal"
      escapeAnywhere
      role="alertdialog"
      title={t('flow.controls.endTitle')}
      onClose={() => props.onClose()}
      actions={
        <>
          <button type="button" class="button button--primary" onClick={() => props.onEnd()}>
            {t('flow.controls.endConfirm')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
            {t('flow.controls.cancel')}
          </button>
        </>
      }
    >
      <p>{t('flow.controls.endBody')}</p>
    </Dialog>
  )
}
