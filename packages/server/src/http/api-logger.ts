import { pino, type Logger, type LoggerOptions } from 'pino';
import { traceIdsMixin } from '../observability/log-trace-mixin.js';

/**
 * Paths pino censors before a line is written (DESIGN §6.2–6.3): credentials, tokens, emails,
 * OAuth codes. Request logging is ours (see `request-log-hook.ts`) and never logs bodies or
 * query strings, so these are the second line of defence for anything logged by hand.
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'password',
  'email',
  'token',
  'accessToken',
  'refreshToken',
  'code',
  'codeVerifier',
  'clientSecret',
  '*.password',
  '*.email',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.codeVerifier',
  '*.clientSecret',
  '*.tokens',
  '*.tokensSealed',
];

/**
 * The pino logger the API (and the rest of the process) should log through.
 *
 * @example
 *   const logger = createApiLogger({ level: config.logLevel });
 */
export function createApiLogger(
  options: Pick<LoggerOptions, 'level'> & { destination?: pino.DestinationStream } = {},
): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    base: { service: 'syncwell' },
    // Lines logged inside a span carry trace_id and span_id (docs/observability.md).
    mixin: traceIdsMixin,
  };
  return options.destination === undefined ? pino(loggerOptions) : pino(loggerOptions, options.destination);
}
