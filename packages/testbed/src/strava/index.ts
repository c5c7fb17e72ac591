export { startStravaSimulator, type StravaSimulatorOptions } from './strava-simulator.js';
export type { StravaSimulator, StravaActivityView } from './strava-simulator-handle.js';
export type { StravaAthlete } from './strava-athletes.js';
export type { StravaRateLimits } from './strava-rate-limiter.js';
export type { StravaRequestLogEntry, RequestFilter } from './strava-request-log.js';
export type { StravaWebhookEvent, WebhookDelivery, StravaPushSubscription } from './strava-webhook-hub.js';
export type { ActivityChanges } from './strava-world.js';
export { decodePolyline, encodePolyline } from './polyline-encoder.js';
