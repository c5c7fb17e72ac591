export * from './conflict-merge/index.js';
