import pino, { type Logger } from 'pino'
import type { Config } from './config.ts'

/**
 * JSON logs on stdout. Tokens, participant secrets and download tickets never reach a log
 * line: requests and upgrades are logged by path only (never their query), a malformed request
 * by its parser's code, and these fields are redacted wherever they appear.
 */
export const createLogger = (level: Config['logLevel']): Logger =>
  pino({
    level,
    base: { service: 'fabrique' },
    redact: {
      paths: [
        'token',
        '*.token',
        'tokens',
        '*.tokens',
        'authorization',
        '*.authorization',
        'secret',
        '*.secret',
        'ticket',
        '*.ticket',
      ],
      censor: '[redacted]',
    },
  })
