/**
 * Redacts a log line by what its values are, not by where they sit (DESIGN §6.2–6.3): the
 * same rules apply to a field, a nested object, an error message and the message text. Error
 * codes (`SW_…`, `ECONNREFUSED`), ids we make (UUIDs), routes, counts and times stay readable,
 * because that is what an operator needs at 3 a.m.
 *
 * What is redacted:
 * - secrets by their name, wherever they sit: passwords, OAuth tokens, client secrets, PKCE
 *   verifiers, authorization and cookie headers, sealed blobs;
 * - a `code` that is not an error code (an OAuth authorization code) and a `state` that is not
 *   a status word (an OAuth state);
 * - provider user ids (externalUserId, athlete and owner ids) and health values (the canonical
 *   record fields: samples, track, distance, energy, weight …);
 * - in any string: email addresses, JWTs, `Bearer`/`Basic` credentials, the values of
 *   code/state/token/secret query parameters, and token-like runs of 24+ letters and digits.
 */

const REDACTED = '[redacted]';

const SECRET_KEYS = new Set(
  [
    'password',
    'passwordHash',
    'newPassword',
    'token',
    'tokens',
    'accessToken',
    'refreshToken',
    'idToken',
    'access_token',
    'refresh_token',
    'id_token',
    'tokensSealed',
    'codeVerifier',
    'code_verifier',
    'codeVerifierSealed',
    'clientSecret',
    'client_secret',
    'secret',
    'masterKey',
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-csrf-token',
    'apiKey',
    'api_key',
  ].map((key) => key.toLowerCase()),
);

/** Provider account ids: they identify a person at the provider. */
const PROVIDER_USER_KEYS = new Set(
  ['externalUserId', 'providerUserId', 'athleteId', 'athlete_id', 'ownerId', 'owner_id', 'userid'].map(
    (key) => key.toLowerCase(),
  ),
);

/** Fields of the canonical records (packages/core/src/records) that carry health values. */
const HEALTH_KEYS = new Set(
  [
    'samples',
    'track',
    'laps',
    'legs',
    'stages',
    'distance',
    'energy',
    'activeEnergy',
    'totalEnergy',
    'heartRate',
    'averageHeartRate',
    'restingHeartRate',
    'beatsPerMinute',
    'heartRateBpm',
    'bpm',
    'steps',
    'weight',
    'bodyFat',
    'systolic',
    'diastolic',
    'spo2',
    'hrv',
    'altitudeM',
    'lat',
    'lon',
    'records',
    'record',
  ].map((key) => key.toLowerCase()),
);

/** Error codes: ours, Fastify's, Node's and PostgreSQL's SQLSTATEs. */
const ERROR_CODE = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[0-9A-Z]{5})$/;
const STATUS_WORD = /^[a-z_]{1,24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EMAIL = /(?<![\w/.%+-])[\w.%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;
const SECRET_PARAM =
  /([?&#;]|\b)((?:code|state|token|access_token|refresh_token|id_token|oauth_token|oauth_verifier|client_secret|code_verifier|password|sig|signature)=)[^&\s"'#]*/gi;
// Slashes end a run: paths are not tokens (a base64 token's pieces are still long runs).
const TOKEN_LIKE = /[A-Za-z0-9_~+=-]{24,}(?:\.[A-Za-z0-9_~+=-]+)*/g;

function looksLikeToken(run: string): boolean {
  if (UUID.test(run)) return false;
  // Constant names are long too; a token mixes letters and digits.
  if (ERROR_CODE.test(run)) return false;
  return /[0-9]/.test(run) && /[A-Za-z]/.test(run);
}

/** Nothing below can match a short string without these marks: the common case costs one test. */
const MIGHT_HOLD_SECRET = /[@=]|eyJ|bearer|basic/i;

/** Redacts what a string holds, keeping its readable rest. */
export function scrubText(text: string): string {
  if (text.length < 24 && !MIGHT_HOLD_SECRET.test(text)) return text;
  return text
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_PARAM, (_match, lead: string, name: string) => `${lead}${name}${REDACTED}`)
    .replace(EMAIL, '[email]')
    .replace(TOKEN_LIKE, (run) => (looksLikeToken(run) ? REDACTED : run));
}

/** W3C trace and span ids (docs/observability.md): random hex an operator needs to join logs to traces. */
const TRACE_ID_KEYS = new Set(['trace_id', 'span_id']);
const TRACE_ID = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/;

function scrubValue(key: string, value: unknown, depth: number): unknown {
  const lower = key.toLowerCase();
  if (TRACE_ID_KEYS.has(lower) && typeof value === 'string' && TRACE_ID.test(value)) return value;
  if (SECRET_KEYS.has(lower) || PROVIDER_USER_KEYS.has(lower)) return value == null ? value : REDACTED;
  if (HEALTH_KEYS.has(lower)) return value == null ? value : '[health]';
  if (lower === 'code' && typeof value === 'string' && !ERROR_CODE.test(value)) return REDACTED;
  if (lower === 'state' && typeof value === 'string' && !STATUS_WORD.test(value)) return REDACTED;
  return scrubAny(value, depth);
}

function scrubAny(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  // Deeper than any line we write: drop rather than walk (and never throw while logging).
  if (depth > 12) return REDACTED;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubAny(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubValue(key, inner, depth + 1);
  return out;
}

/** A whole pino line (JSON plus newline) in, the same line redacted out. */
export function scrubLogLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `${JSON.stringify({ msg: 'log line withheld: not JSON' })}\n`;
  }
  return `${JSON.stringify(scrubAny(parsed, 0))}\n`;
}
