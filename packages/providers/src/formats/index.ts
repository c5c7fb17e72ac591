export * from './fit/index.js';
