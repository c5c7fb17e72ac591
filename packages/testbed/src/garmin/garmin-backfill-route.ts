import type { FastifyInstance } from 'fastify';
import { GARMIN_SUMMARY_TYPES, requireUser } from './garmin-auth.js';
import { deliverSummaries } from './garmin-delivery.js';
import { sendGarminError } from './garmin-error-body.js';
import type { GarminState, StoredSummary } from './garmin-state.js';

const BACKFILL_TYPES = GARMIN_SUMMARY_TYPES.filter(
  (t) => !['manuallyUpdatedActivities', 'activityFiles'].includes(t),
);

/**
 * `GET /wellness-api/rest/backfill/{type}`: 202 at once, the data later by PUSH/PING. 403
 * without `HISTORICAL_DATA_EXPORT`, 409 for a repeated request [U], 400 past the window cap
 * (configurable: 30 days or 5 years is unsettled [U]). Delivered summaries are re-uploaded at
 * delivery time, so a client reading upload windows also sees them ([U]: our model).
 */
export function registerGarminBackfillRoute(app: FastifyInstance, state: GarminState): void {
  app.get<{ Params: { type: string }; Querystring: Record<string, string | undefined> }>(
    '/wellness-api/rest/backfill/:type',
    async (request, reply) => {
      const userId = requireUser(state, request, reply);
      if (userId === undefined) return reply;
      const { type } = request.params;
      if (!(BACKFILL_TYPES as readonly string[]).includes(type))
        return sendGarminError(reply, 400, 'Unknown summary type');
      const from = Number(request.query.summaryStartTimeInSeconds);
      const to = Number(request.query.summaryEndTimeInSeconds);
      if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from)
        return sendGarminError(
          reply,
          400,
          'summaryStartTimeInSeconds and summaryEndTimeInSeconds are required',
        );
      if (!state.user(userId).permissions.has('HISTORICAL_DATA_EXPORT'))
        return sendGarminError(reply, 403, 'Historical data permission not granted');
      if (from < state.nowS() - state.config.backfillWindowDays * 86_400)
        return sendGarminError(reply, 400, 'Backfill start is outside the allowed window');
      const key = `${userId}:${type}:${from}:${to}`;
      if (state.backfillRequests.has(key)) return sendGarminError(reply, 409, 'Duplicate backfill request');
      state.backfillRequests.add(key);
      const timer = setTimeout(() => {
        state.timers.delete(timer);
        void redeliver(state, userId, type, from, to);
      }, state.config.backfillDelayMs);
      state.timers.add(timer);
      return reply.code(202).send();
    },
  );
}

async function redeliver(
  state: GarminState,
  userId: string,
  type: string,
  from: number,
  to: number,
): Promise<void> {
  const uploadS = state.nowS();
  const copy = (s: StoredSummary): StoredSummary => ({ ...s, uploadS });
  const matching = state.summaries.filter(
    (s) => s.type === type && s.userId === userId && s.startS >= from && s.startS < to,
  );
  const copies = matching.map(copy);
  state.summaries.push(...copies);
  await deliverSummaries(state, type, copies);
  if (type !== 'activities') return;
  // Files travel with their activities (not a backfill type of their own) [U].
  const ids = new Set(matching.map((s) => String(s.body.activityId)));
  const files = state.summaries
    .filter(
      (s) =>
        s.type === 'activityFiles' &&
        s.userId === userId &&
        ids.has(String(s.body.activityId)) &&
        s.uploadS !== uploadS,
    )
    .map(copy);
  state.summaries.push(...files);
  await deliverSummaries(state, 'activityFiles', files);
}
