import { pino, type Logger, type LoggerOptions } from 'pino';
import { traceIdsMixin } from '../observability/log-trace-mixin.js';
import { scrubLogLine } from './log-scrubber.js';

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
    // Every line, whoever wrote it, is redacted by what its values are (see log-scrubber.ts),
    // so error codes, run ids and routes stay readable while secrets and health values do not.
    hooks: { streamWrite: scrubLogLine },
    base: { service: 'syncwell' },
    // Lines logged inside a span carry trace_id and span_id (docs/observability.md).
    mixin: traceIdsMixin,
  };
  return options.destination === undefined ? pino(loggerOptions) : pino(loggerOptions, options.destination);
}
