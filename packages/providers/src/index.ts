export * from './formats/index.js';
export * from './http/index.js';
export * from './polar/index.js';
export * from './strava/index.js';
export * from './registry.js';
