export * from './garmin-simulator.js';
export type { GarminSimulator } from './garmin-simulator-handle.js';
export type { DeliveryMode, GarminDelivery } from './garmin-state.js';
export { GARMIN_HISTORY_CHECKBOX } from './garmin-oauth-routes.js';
