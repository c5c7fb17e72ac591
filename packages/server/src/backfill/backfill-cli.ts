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

/** `[██████░░░░] 6/10 chunks · 412 written, 3 skipped · 42/70 days` (+ ` · paused`, a reason). */
export function progressBar(view: BackfillView, width = 24): string {
  const { total, done, partial, failed, cancelled } = view.chunks;
  const ended = done + partial + failed + cancelled;
  const share = total === 0 ? 1 : ended / total;
  const filled = Math.round(share * width);
  const { written, skipped, failed: refused } = view.records;
  const notes = [
    partial > 0 ? `${partial} partial` : '',
    failed > 0 ? `${failed} failed` : '',
    cancelled > 0 ? `${cancelled} cancelled` : '',
  ].filter(Boolean);
  const reason =
    view.reason === null
      ? ''
      : ` · ${view.reason.code}${view.reason.permission === null ? '' : ` (grant ${view.reason.permission})`}`;
  return (
    `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${ended}/${total} chunks` +
    `${notes.length > 0 ? ` (${notes.join(', ')})` : ''} · ${written} written, ${skipped} skipped` +
    `${refused > 0 ? `, ${refused} failed` : ''} · ${view.days.done}/${view.days.total} days` +
    `${view.status === 'paused' ? ' · paused' : ''}${reason}`
  );
}

const ACTIVE: readonly BackfillView['status'][] = ['running', 'paused'];

/**
 * `syncwell backfill <ruleId> [--from --to]`: talks to the running API as the rule's owner (the
 * API scopes everything to the caller; the CLI needs no store access), starts the backfill (or
 * follows the one the rule already has) and redraws a progress bar as chunks finish. Returns the
 * final view.
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
    if (!ACTIVE.includes(view.status)) break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    view = await client.call<BackfillView>('GET', `/v1/backfills/${backfill.id}`);
  }
  if (tty) write('\n');
  return view;
}
