export * from './memory-durable-store.js';
export * from './simulated-healthkit-store.js';
export * from './simulated-health-connect-store.js';
export * from './fake-device-api.js';
