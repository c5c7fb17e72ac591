export { startStravaSimulator, type StravaSimulatorOptions } from './strava-simulator.js';
export type { StravaSimulator, StravaActivityView } from './strava-simulator-handle.js';
export type { StravaAthlete } from './strava-athletes.js';
export type { StravaRateLimits } from './strava-rate-limiter.js';
export type { StravaRequestLogEntry, StravaRequestFilter } from './strava-request-log.js';
export type {
  StravaWebhookEvent,
  StravaWebhookDelivery,
  StravaPushSubscription,
} from './strava-webhook-hub.js';
export type { StravaActivityChanges } from './strava-world.js';
export { decodePolyline, encodePolyline } from './polyline-encoder.js';
