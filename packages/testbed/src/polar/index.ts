export * from './polar-simulator.js';
export * from './polar-webhook-delivery.js';
export { isoDuration, localStartTime } from './polar-exercise-json.js';
export type { StoredExercise } from './polar-exercise-json.js';
export type { WebhookDelivery } from './polar-state.js';
// The shared fault model travels with the simulators that use it.
