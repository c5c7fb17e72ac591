import type { FastifyRequest } from 'fastify';

/**
 * Strava reads parameters from the query string, a urlencoded form or a JSON body alike, and
 * clients use all three; this flattens them to strings (body wins over query).
 */
export function requestFields(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of [request.query, request.body]) {
    if (typeof source !== 'object' || source === null || Buffer.isBuffer(source)) continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      const scalar = Array.isArray(value) ? (value as unknown[]).join(',') : value;
      if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean') {
        out[key] = String(scalar);
      }
    }
  }
  return out;
}

/** Strava's boolean form fields accept 1/0 as well as true/false. */
export function parseBooleanField(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value === '1' || value.toLowerCase() === 'true';
}

/** A positive safe integer from a path or query parameter, else null. */
export function parseId(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
