import { SyncWellApiClient } from '../client/api-client.js';
import type { BackfillView } from './backfill-view.js';

export interface BackfillCliOptions {
  readonly apiUrl: string;
  readonly email: string;
  readonly password: string;
  readonly ruleId: string;
  readonly from?: string;
  readonly to?: string;
  readonly pollMs?: number;
  /** Where the progress bar goes; stderr by default so stdout keeps the result. */
  readonly write?: (text: string) => void;
}

/** `[██████░░░░] 6/10 chunks · 412 records · 42/70 days` */
export function progressBar(view: BackfillView, width = 24): string {
  const { total, done, failed } = view.chunks;
  const share = total === 0 ? 1 : (done + failed) / total;
  const filled = Math.round(share * width);
  return (
    `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done + failed}/${total} chunks` +
    `${failed > 0 ? ` (${failed} failed)` : ''} · ${view.records} records · ${view.days.done}/${view.days.total} days`
  );
}

/**
 * `syncwell backfill <ruleId> [--from --to]`: talks to the running API as the rule's owner (the
 * API scopes everything to the caller; the CLI needs no store access), starts the backfill and
 * redraws a progress bar as chunks finish. Returns the final view.
 */
export async function runBackfillCli(options: BackfillCliOptions): Promise<BackfillView> {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const client = new SyncWellApiClient(options.apiUrl);
  const session = await client.call<{ accessToken: string }>('POST', '/v1/sessions', {
    email: options.email,
    password: options.password,
  });
  Object.assign(client, { accessToken: session.accessToken });
  const body = {
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
  };
  const { backfill } = await client.call<{ backfill: BackfillView }>(
    'POST',
    `/v1/rules/${options.ruleId}/backfill`,
    body,
  );
  let view = backfill;
  const tty = process.stderr.isTTY;
  let last = '';
  for (;;) {
    const bar = progressBar(view);
    if (bar !== last) write(tty ? `\r\x1b[2K${bar}` : `${bar}\n`);
    last = bar;
    if (view.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    view = await client.call<BackfillView>('GET', `/v1/backfills/${backfill.id}`);
  }
  if (tty) write('\n');
  return view;
}
