import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiError } from '../../shared/api.ts'
import { HttpError } from '../lib/HttpError.ts'

export const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

export const sendError = (
  res: ServerResponse,
  status: number,
  message: string,
  code?: ApiError['code'],
): void =>
  sendJson(res, status, (code ? { error: message, code } : { error: message }) satisfies ApiError)

/**
 * Reads the bytes of a JSON body of at most `limit` bytes, to parse with `parseJson`; a wrong
 * type or size is a 4xx with a clear message. The bytes are copied in as they arrive, into a
 * buffer of the declared length (concatenating 32 MB at the end held the event loop 10–60 ms):
 * with a right Content-Length, the result is a buffer of its own, to move to a worker.
 */
export const readJsonBody = async (req: IncomingMessage, limit: number): Promise<Uint8Array> => {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'body: expected Content-Type application/json')
  }
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new HttpError(413, `body: larger than ${limit} bytes`)
  let body = new Uint8Array(declared > 0 ? declared : 64 * 1024)
  let size = 0
  // A client gone before the end of its body is no server fault: a 400 (to no one), logged as
  // a request, not an error with its stack (an outside attack flooded the log with them).
  const chunks = (async function* () {
    try {
      yield* req
    } catch (error) {
      if (req.destroyed) throw new HttpError(400, 'body: the client went away before its end')
      throw error
    }
  })()
  for await (const chunk of chunks) {
    const bytes = chunk as Buffer
    if (size + bytes.byteLength > limit)
      throw new HttpError(413, `body: larger than ${limit} bytes`)
    if (size + bytes.byteLength > body.byteLength) {
      const grown = new Uint8Array(
        Math.min(limit, Math.max(2 * body.byteLength, size + bytes.byteLength)),
      )
      grown.set(body.subarray(0, size))
      body = grown
    }
    body.set(bytes, size)
    size += bytes.byteLength
  }
  return size === body.byteLength ? body : body.subarray(0, size)
}

/** Parses UTF-8 JSON; anything else is a 400. */
export const parseJson = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(bytes))
  } catch (error) {
    throw new HttpError(400, `body: not valid JSON (${(error as Error).message})`)
  }
}

/** Reads and parses a JSON body of at most `limit` bytes (see `readJsonBody`). */
export const readJson = async (req: IncomingMessage, limit: number): Promise<unknown> =>
  parseJson(await readJsonBody(req, limit))

/**
 * Like `readJson`, for a body a request may leave out: one that declares no bytes (no
 * `Content-Length` nor `Transfer-Encoding`, or a length of 0) reads as `empty`, whatever its
 * Content-Type; any other is read as `readJson` reads it.
 */
export const readOptionalJson = async (
  req: IncomingMessage,
  limit: number,
  empty: unknown,
): Promise<unknown> => {
  const length = req.headers['content-length']
  const none =
    length === '0' || (length === undefined && req.headers['transfer-encoding'] === undefined)
  return none ? empty : readJson(req, limit)
}

/** The token of `Authorization: Bearer <token>`, or null. */
export const headerToken = (req: IncomingMessage): string | null => {
  const header = req.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match?.[1] ?? null
}

/** The token of a request: `Authorization: Bearer <token>` or `?token=`. */
export const bearerToken = (req: IncomingMessage, url: URL): string | null =>
  headerToken(req) ?? url.searchParams.get('token')
