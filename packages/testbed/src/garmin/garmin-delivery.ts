import { randomBytes } from 'node:crypto';
import type { GarminState, StoredSummary } from './garmin-state.js';

const DELIVERY_TIMEOUT_MS = 5_000;

/** What a summary looks like on the wire; `activityFiles` entries gain their download URL. */
export function summaryJson(state: GarminState, summary: StoredSummary): Record<string, unknown> {
  if (summary.fileId === undefined) return { ...summary.body };
  const url = new URL(`${state.apiUrl}/wellness-api/rest/activityFile`);
  url.searchParams.set('id', summary.fileId);
  url.searchParams.set('token', randomBytes(12).toString('hex'));
  return { ...summary.body, callbackURL: url.toString() };
}

/**
 * Announces newly uploaded summaries of one type to the endpoint configured for it. PUSH posts
 * the data (`{"dailies":[…]}`); PING posts one entry per user with a `callbackURL` covering the
 * upload second, carrying a `token` parameter as after the OAuth2 migration. `activityFiles`
 * entries always carry their own download URL. Nothing is sent for unregistered users.
 */
export async function deliverSummaries(
  state: GarminState,
  type: string,
  summaries: readonly StoredSummary[],
): Promise<void> {
  const endpoint = state.endpoints.get(type);
  const live = summaries.filter((s) => state.users.get(s.userId)?.registered === true);
  if (endpoint === undefined || live.length === 0) return;
  let entries: Record<string, unknown>[];
  if (endpoint.mode === 'PUSH' || type === 'activityFiles') entries = live.map((s) => summaryJson(state, s));
  else {
    const byUser = new Map<string, { from: number; to: number }>();
    for (const s of live) {
      const span = byUser.get(s.userId) ?? { from: s.uploadS, to: s.uploadS + 1 };
      byUser.set(s.userId, { from: Math.min(span.from, s.uploadS), to: Math.max(span.to, s.uploadS + 1) });
    }
    entries = [...byUser].map(([userId, span]) => {
      const url = new URL(`${state.apiUrl}/wellness-api/rest/${type}`);
      url.searchParams.set('uploadStartTimeInSeconds', String(span.from));
      url.searchParams.set('uploadEndTimeInSeconds', String(span.to));
      url.searchParams.set('token', randomBytes(12).toString('hex'));
      return { userId, callbackURL: url.toString() };
    });
  }
  await post(state, type, endpoint, { [type]: entries });
}

/** `deregistrations` / `userPermissionsChange`: lifecycle pushes, always with the data. */
export async function deliverLifecycle(
  state: GarminState,
  type: string,
  entry: Record<string, unknown>,
): Promise<void> {
  const endpoint = state.endpoints.get(type);
  if (endpoint !== undefined) await post(state, type, endpoint, { [type]: [entry] });
}

async function post(
  state: GarminState,
  type: string,
  endpoint: { readonly url: string; readonly mode: 'PUSH' | 'PING' },
  payload: unknown,
): Promise<void> {
  const body = JSON.stringify(payload);
  let outcome: number | string;
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    outcome = response.status;
  } catch (error) {
    outcome = error instanceof Error ? error.message : String(error);
  }
  state.deliveries.push({ summaryType: type, mode: endpoint.mode, body, outcome });
}
