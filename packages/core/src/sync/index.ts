export * from './sync-state.js';
