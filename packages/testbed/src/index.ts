export * from './synthetic/index.js';
export * from './strava/index.js';
