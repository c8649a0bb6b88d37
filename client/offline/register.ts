/**
 * Registers the service worker (sw.ts) where it may run: a secure context (HTTPS, or
 * localhost), in a build (the dev server has no /sw.js). Browsers do not run service workers
 * on plain-http LAN addresses (http://192.168.1.23:8080), so a room's laptop served that way
 * gets none: a reload without the server shows the browser's error page there.
 *
 * After the page has loaded and gone idle: the worker then downloads the whole build once
 * (some 320 kB compressed), which should not compete with what the page needs first.
 */
export const registerServiceWorker = (): void => {
  if (!import.meta.env.PROD || !window.isSecureContext || !('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('the service worker could not be registered; no offline reload', error)
    })
  }
  const whenIdle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(register) : setTimeout(register, 2000)
  if (document.readyState === 'complete') whenIdle()
  else window.addEventListener('load', whenIdle, { once: true })
}
