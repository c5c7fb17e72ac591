import type { NotifySubscription, WithingsState } from './withings-state.js';

/** Withings' newer schedule [O]: immediately, +10 s, +1 min, +1 h, +4 h, two HTTP tries each. */
export const WITHINGS_NOTIFY_RETRY_DELAYS_MS = [0, 10_000, 60_000, 3_600_000, 14_400_000] as const;
const TRIES_PER_CYCLE = 2;
/** The receiver must answer within 2 s; any status below 400 counts as success. */
const ANSWER_WITHIN_MS = 2_000;

/**
 * Sends one notification, form-encoded, to every subscription of `userid` for `appli`, retrying
 * on the schedule. The payload names who and when only; the receiver fetches the data itself.
 */
export function notify(
  state: WithingsState,
  userid: number,
  appli: number,
  fields: Readonly<Record<string, string>>,
): void {
  const body = new URLSearchParams({ userid: String(userid), appli: String(appli), ...fields }).toString();
  for (const sub of state.subscriptions.filter((s) => s.userid === userid && s.appli === appli)) {
    void deliver(state, sub, body, 0);
  }
}

async function deliver(
  state: WithingsState,
  sub: NotifySubscription,
  body: string,
  cycle: number,
): Promise<void> {
  for (let tryIndex = 0; tryIndex < TRIES_PER_CYCLE; tryIndex += 1) {
    const outcome = await post(sub.callbackurl, body);
    state.deliveries.push({
      callbackurl: sub.callbackurl,
      body,
      attempt: cycle * TRIES_PER_CYCLE + tryIndex + 1,
      outcome,
    });
    if (typeof outcome === 'number' && outcome < 400) return;
  }
  const delay = state.config.notifyRetryDelaysMs[cycle + 1];
  if (delay === undefined) return;
  setTimeout(() => void deliver(state, sub, body, cycle + 1), delay).unref();
}

/** POSTs a form body; the status, or the error text when there is no answer in time. */
export async function post(url: string, body: string): Promise<number | string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return error instanceof Error ? error.message : 'unreachable';
  }
}
