export * from './oura-simulator.js';
export { ouraWebhookSignature } from './oura-webhook-delivery.js';
export type { OuraWebhookDelivery } from './oura-state.js';
