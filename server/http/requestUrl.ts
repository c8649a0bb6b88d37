/**
 * The URL of a request (its target, read against a placeholder origin), or null when it is
 * none: Node's parser lets through an absolute-form target that is not a URL
 * (`GET http://[x HTTP/1.1`), on which `new URL` throws, and a throw in a request or upgrade
 * listener would end the process.
 */
export const requestUrl = (target: string | undefined): URL | null => {
  try {
    return new URL(target ?? '/', 'http://localhost')
  } catch {
    return null
  }
}
