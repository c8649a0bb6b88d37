import type { Component } from 'solid-js'
import { CloseCode } from '../../../shared/protocol.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import type { SaveState } from '../../sync/saveState.ts'

export const statusText = (
  t: Translate,
  state: SaveState,
  closeCode: number | null,
  readOnly: boolean,
  deviceCopy = false,
): string => {
  if (deviceCopy) return t('status.deviceCopy')
  switch (state) {
    case 'connecting':
      return t('status.connecting')
    case 'saving':
      return t('status.saving')
    case 'saved':
      return readOnly ? t('status.upToDate') : t('status.saved')
    case 'offline':
      return readOnly ? t('status.offlineReadOnly') : t('status.offline')
    case 'error':
      switch (closeCode) {
        case CloseCode.unauthorized:
          return t('status.error.unauthorized')
        case CloseCode.forbidden:
          return t('status.error.forbidden')
        case CloseCode.rateLimited:
          return t('status.error.rateLimited')
        case CloseCode.roomFull:
          return t('status.error.roomFull')
        case CloseCode.badMessage:
          return t('status.error.badMessage')
        default:
          return t('status.error.other', { code: closeCode ?? 0 })
      }
  }
}

export interface ConnectionStatusProps {
  state: SaveState
  closeCode: number | null
  /** Observers never write: "up to date" rather than "saved". */
  readOnly: boolean
  /**
   * The page opened without the server, on this device's copy (WorkshopGate's `offline`):
   * offline and read-only, whatever the socket does, until the server answers the page.
   */
  deviceCopy?: boolean
}

/** Always visible; announced politely when it changes; `data-state` is for tests and styling. */
export const ConnectionStatus: Component<ConnectionStatusProps> = (props) => {
  const { t } = useI18n()
  return (
    <p
      class="connection-status"
      role="status"
      aria-live="polite"
      data-state={props.deviceCopy ? 'offline' : props.state}
      title={t('status.label')}
    >
      <span class="connection-status__icon" aria-hidden="true" />
      <span class="connection-status__text">
        {statusText(t, props.state, props.closeCode, props.readOnly, props.deviceCopy)}
      </span>
    </p>
  )
}
