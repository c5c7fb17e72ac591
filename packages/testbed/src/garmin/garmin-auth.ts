import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendGarminError } from './garmin-error-body.js';
import type { GarminState } from './garmin-state.js';

/** Summary types the pull and backfill endpoints know (garmin.md, [S]). */
export const GARMIN_SUMMARY_TYPES = [
  'dailies',
  'epochs',
  'sleeps',
  'bodyComps',
  'hrv',
  'stressDetails',
  'respiration',
  'pulseOx',
  'userMetrics',
  'bloodPressures',
  'skinTemp',
  'healthSnapshot',
  'moveiq',
  'mct',
  'activities',
  'activityDetails',
  'manuallyUpdatedActivities',
  'activityFiles',
] as const;
export const MAX_PULL_WINDOW_S = 86_400;

/** A live bearer token of a registered user, else 401. */
export function requireUser(
  state: GarminState,
  request: FastifyRequest,
  reply: FastifyReply,
): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const userId = token === undefined ? undefined : state.userOfToken(token);
  if (userId === undefined) sendGarminError(reply, 401, 'Unauthorized');
  return userId;
}
