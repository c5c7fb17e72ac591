import { isErrorCode, type ErrorCode } from '@syncwell/core';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../store/notification-rows.js';
import type { NotificationEvent } from '../port.js';

/**
 * What a delivery carries through the outbox: the event's ids and reason code, plus the provider's
 * display name when a connection is involved (so the text can say "Strava"). Never a health value.
 */
export interface Notice {
  readonly kind: NotificationKind;
  readonly code: ErrorCode;
  readonly connectionId?: string;
  readonly ruleId?: string;
  readonly runId?: string;
  readonly backfillId?: string;
  readonly permission?: string;
  readonly providerName?: string;
}

export function noticeOf(event: NotificationEvent, providerName?: string): Notice {
  return {
    kind: event.kind,
    code: event.code,
    ...(event.connectionId === undefined ? {} : { connectionId: event.connectionId }),
    ...(event.ruleId === undefined ? {} : { ruleId: event.ruleId }),
    ...(event.runId === undefined ? {} : { runId: event.runId }),
    ...(event.backfillId === undefined ? {} : { backfillId: event.backfillId }),
    ...(event.permission === undefined ? {} : { permission: event.permission }),
    ...(providerName === undefined ? {} : { providerName }),
  };
}

const TEXT_KEYS = ['connectionId', 'ruleId', 'runId', 'backfillId', 'permission', 'providerName'] as const;

/** Reads an outbox row's notice back; anything unexpected is dropped rather than sent on. */
export function parseNotice(json: string): Notice | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  const kind = NOTIFICATION_KINDS.find((k) => k === record.kind);
  if (kind === undefined || typeof record.code !== 'string' || !isErrorCode(record.code)) return null;
  const notice: Record<string, string> = {};
  for (const key of TEXT_KEYS) {
    const value = record[key];
    if (typeof value === 'string') notice[key] = value;
  }
  return { ...notice, kind, code: record.code };
}
