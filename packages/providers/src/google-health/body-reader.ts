import type { ProviderSession, ReadItem, ReadPage, ReadRequest } from '@syncwell/core';
import type { DataPointLister, Window } from './data-point-query.js';
import { bodyMeasurements } from './mapping.js';
import { bodyFatPoint, weightPoint, type BodyFatPoint, type WeightPoint } from './schemas.js';
import { laterIso } from './session-cursor.js';

/**
 * Weight and body fat are two Google sample types; one body-measurement read lists both over
 * the same window and joins readings taken at the same instant. The cursor is the newest
 * sample time seen (an ISO instant).
 */
export async function readBodyMeasurements(
  lister: DataPointLister,
  session: ProviderSession,
  request: ReadRequest,
): Promise<ReadPage> {
  const cursor =
    request.cursor !== null && !Number.isNaN(Date.parse(request.cursor)) ? request.cursor : undefined;
  const window: Window =
    request.range === undefined
      ? cursor === undefined
        ? {}
        : { after: { iso: cursor, inclusive: false } }
      : {
          after: { iso: request.range.from.toISOString(), inclusive: true },
          before: request.range.to.toISOString(),
        };
  const [rawWeights, rawFats] = [
    await lister.all(session, 'weight', window),
    await lister.all(session, 'body-fat', window),
  ];
  const items: ReadItem[] = [];
  const weights: WeightPoint[] = [];
  const fats: BodyFatPoint[] = [];
  for (const raw of rawWeights) {
    const parsed = weightPoint.safeParse(raw);
    if (parsed.success) weights.push(parsed.data);
    else items.push(invalid('weight'));
  }
  for (const raw of rawFats) {
    const parsed = bodyFatPoint.safeParse(raw);
    if (parsed.success) fats.push(parsed.data);
    else items.push(invalid('body-fat'));
  }
  let newest = cursor;
  for (const mapped of bodyMeasurements(weights, fats)) {
    if (!mapped.ok) {
      items.push({
        ok: false,
        externalId: 'body-measurement',
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: mapped.message,
      });
      continue;
    }
    newest = laterIso(newest, mapped.record.time);
    items.push({ ok: true, record: mapped.record });
  }
  const advanced = request.range === undefined && newest !== undefined && newest !== cursor;
  return { items, nextCursor: advanced ? (newest ?? null) : null, hasMore: false };
}

function invalid(type: string): ReadItem {
  return {
    ok: false,
    externalId: `${type}-point`,
    code: 'SW_ITEM_INVALID_PAYLOAD',
    message: `${type} data point failed validation`,
  };
}
