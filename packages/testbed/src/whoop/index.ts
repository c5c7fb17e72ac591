export * from './whoop-simulator.js';
export { whoopWebhookSignature } from './whoop-webhook-delivery.js';
export type { WhoopKind, WebhookDeliveryLog as WhoopWebhookDelivery } from './whoop-state.js';
