export * from './sync-state.js';
export * from './record-keys.js';
export * from './run-outcome.js';
export * from './sync-engine.js';
export * from './memory-sync-state.js';
export * from './destination-shape.js';
