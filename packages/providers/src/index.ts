export * from './formats/index.js';
export * from './http/index.js';
export * from './polar/index.js';
export * from './strava/index.js';
export * from './registry.js';
// Garmin's client decides on time (upload windows): tests and simulators hand it their clock.
export { createGarminModule, type GarminModuleOptions } from './garmin/index.js';
