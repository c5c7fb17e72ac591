export * from './phone-clock.js';
export * from './healthkit-types.js';
export * from './healthkit-store.js';
export * from './health-connect-types.js';
export * from './health-connect-store.js';
