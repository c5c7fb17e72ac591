export * from './google-health-simulator.js';
export type { NotificationDelivery, SimDataType } from './gh-state.js';
export { FITBIT_LEGACY_PREFIXES } from './fitbit-legacy-routes.js';
