/**
 * Errors that mean "a server we depend on is not there right now" rather than "we have a bug":
 * socket failures, PostgreSQL shutting down or refusing connections, an ioredis connection
 * that is closed or whose offline queue is off. The API answers these with 503 so clients and
 * load balancers retry, instead of a 500 that reads as our fault.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// PostgreSQL SQLSTATEs: admin/crash shutdown, cannot connect now, connection failures.
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

export function isDependencyUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || POSTGRES_UNAVAILABLE.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    current = cause;
  }
  return false;
}
