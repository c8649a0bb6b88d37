import { type Component, createMemo } from 'solid-js'
import { renderSVG } from 'uqr'

/** A QR code of `value`, drawn as SVG, announced as one image with `label`. */
export const QrCode: Component<{ value: string; label: string }> = (props) => {
  const svg = createMemo(() =>
    renderSVG(props.value, { ecc: 'M', border: 2, whiteColor: '#ffffff', blackColor: '#000000' }),
  )
  // The SVG markup is generated locally by uqr from the link text, never taken from input.
  return <div class="qr" role="img" aria-label={props.label} innerHTML={svg()} />
}
