import type { ApiError } from '../../shared/api.ts'

/**
 * A request the server refuses: answered with this status, these headers and
 * `{"error": message, "code"}` (`code` only when given).
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly code?: ApiError['code'],
  ) {
    super(message)
    this.name = 'HttpError'
  }
}
