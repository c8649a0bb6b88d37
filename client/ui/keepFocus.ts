/**
 * An `onFocusOut` handler for a part of the page whose content others change: when the element
 * that had the focus is taken out of the page (a vote closes, the step changes, the notes are
 * revealed, someone else deletes it), the focus goes to `fallback()` instead of the page's
 * body, where a keyboard or screen reader user would start again from the top. Chromium fires
 * focusout as it removes the focused element; where a browser does not, nothing changes.
 */
export const keepFocusOnRemoval =
  (fallback: () => HTMLElement | null | undefined) =>
  (event: FocusEvent): void => {
    const left = event.target
    if (event.relatedTarget !== null || !(left instanceof Element)) return
    // After the change that removed it: the fallback may be new, or gone with it.
    queueMicrotask(() => {
      const active = document.activeElement
      if (left.isConnected || (active && active !== document.body)) return
      const target = fallback()
      if (target?.isConnected) target.focus({ preventScroll: true })
    })
  }
