export * from './fit/index.js';
export * from './tcx/index.js';
export * from './gpx/index.js';
