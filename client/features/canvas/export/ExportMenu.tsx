import { type Component, createSignal, Show } from 'solid-js'
import type * as Y from 'yjs'
import { canvasToJson } from '../../../../shared/export/canvasJson.ts'
import { canvasToSvg, canvasViewBox } from '../../../../shared/export/canvasSvg.ts'
import { exportFileName } from '../../../../shared/export/fileName.ts'
import {
  type CanvasContent,
  type CanvasInfo,
  getCanvas,
  readCanvasContent,
} from '../../../../shared/schema/index.ts'
import { useI18n } from '../../../app/i18n.tsx'
import { createAction } from '../../../ui/createAction.ts'
import { downloadBlob } from './download.ts'
import { svgToPng } from './renderPng.ts'
import './export.css'

type Format = 'svg' | 'png' | 'json'

/**
 * Three buttons that download the canvas as SVG, PNG (the SVG drawn at 2×) or JSON, named
 * after the canvas title. The result (or what went wrong) is announced to screen readers.
 */
export const ExportMenu: Component<{ doc: Y.Doc; canvasId: string; canvasTitle: string }> = (
  props,
) => {
  const { t, locale } = useI18n()
  const { busy, error, run } = createAction()
  const [status, setStatus] = createSignal('')

  /** The canvas as it is now; malformed entries are left out, with one warning per export. */
  const snapshot = (): { info: CanvasInfo; content: CanvasContent } => {
    const info = getCanvas(props.doc, props.canvasId)
    if (!info) throw new Error(t('outline.missing'))
    const content = readCanvasContent(props.doc, props.canvasId)
    if (content.skipped.length > 0) {
      console.warn(
        `canvas ${props.canvasId}: ${content.skipped.length} malformed entries left out of the export`,
        content.skipped,
      )
    }
    return { info, content }
  }

  const title = () => props.canvasTitle.trim() || t('export.fallbackName')

  const make = async (format: Format): Promise<Blob> => {
    const { info, content } = snapshot()
    if (format === 'json') {
      return new Blob([`${JSON.stringify(canvasToJson(info, content, locale()), null, 2)}\n`], {
        type: 'application/json',
      })
    }
    const svg = canvasToSvg(content, { title: title(), locale: locale() })
    if (format === 'svg') return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' })
    const box = canvasViewBox(content)
    return svgToPng(svg, { width: box.w, height: box.h }, 2)
  }

  const download = async (format: Format) => {
    if (busy()) return
    await run(
      async () => {
        setStatus(t('export.working'))
        const blob = await make(format)
        const name = exportFileName(props.canvasTitle, format, t('export.fallbackName'))
        downloadBlob(blob, name)
        setStatus(t('export.done', { file: name }))
      },
      (cause) => {
        setStatus('')
        return t('export.failed', {
          error: cause instanceof Error ? cause.message : String(cause),
        })
      },
    )
  }

  // aria-disabled rather than disabled while busy: a disabled button would drop keyboard focus.
  const button = (format: Format, label: string) => (
    <button
      type="button"
      class="button button--secondary"
      aria-disabled={busy() ? 'true' : undefined}
      onClick={() => void download(format)}
    >
      {label}
    </button>
  )

  return (
    <fieldset class="export-menu">
      <legend class="export-menu__legend">{t('export.menu')}</legend>
      <div class="export-menu__buttons">
        {button('svg', t('export.svg'))}
        {button('png', t('export.png'))}
        {button('json', t('export.json'))}
      </div>
      <p class="export-menu__status" role="status">
        {status()}
      </p>
      <Show when={error()}>
        <p class="export-menu__error" role="alert">
          {error()}
        </p>
      </Show>
    </fieldset>
  )
}
