export * from './withings-simulator.js';
export { WITHINGS_NOTIFY_RETRY_DELAYS_MS } from './withings-notify-delivery.js';
export { WITHINGS_TOKEN_TIMES } from './withings-tokens.js';
export type { NotifyDelivery as WithingsNotifyDelivery } from './withings-state.js';
