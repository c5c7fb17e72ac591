import type { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';
import { SseParser } from './sse-parser.js';
import { FINISHED_RUN_STATUSES, type Run } from './types.js';

const RECONNECT_DELAY_MS = 1_000;
const MAX_RECONNECTS = 30;

/**
 * Follows a run live through `GET /v1/runs/{id}/events` until it finishes: each `run` event
 * carries the run's status and counts. A dropped stream is reopened (the server sends the
 * current state first, so nothing is missed); `onRun` sees the finished run last.
 */
export async function followRun(
  api: ApiClient,
  runId: string,
  onRun: (run: Run) => void,
  signal: AbortSignal,
): Promise<Run | null> {
  let last: Run | null = null;
  for (let attempt = 0; attempt <= MAX_RECONNECTS && !signal.aborted; attempt++) {
    try {
      const response = await api.open(`/v1/runs/${encodeURIComponent(runId)}/events`, signal);
      const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
      if (reader === undefined) break;
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) {
          if (event.event !== 'run') continue;
          last = (JSON.parse(event.data) as { run: Run }).run;
          onRun(last);
        }
      }
      if (last !== null && FINISHED_RUN_STATUSES.includes(last.status)) return last;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return last;
      // A 4xx will not get better by asking again.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
  }
  return last;
}
