/** A request the server refuses: answered with this status and `{"error": message}`. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 415,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}
