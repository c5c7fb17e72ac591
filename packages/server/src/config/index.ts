export * from './app-config.js';
export * from './config-error.js';
export * from './load-config.js';
export * from './provider-bundles.js';
export * from './notification-config.js';
