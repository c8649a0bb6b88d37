import pino, { type Logger } from 'pino'
import type { Config } from './config.ts'

/**
 * JSON logs on stdout. Tokens never reach a log line: requests are logged by path only, and
 * these fields are redacted wherever they appear.
 */
export const createLogger = (level: Config['logLevel']): Logger =>
  pino({
    level,
    base: { service: 'fabrique' },
    redact: {
      paths: ['token', '*.token', 'tokens', '*.tokens', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
  })
