export * from './synthetic/index.js';
export * from './strava/index.js';
export * from './consent/index.js';
export * from './polar/index.js';
export * from './bench/index.js';
export * from './faults/index.js';
export * from './whoop/index.js';
export * from './google-health/index.js';
