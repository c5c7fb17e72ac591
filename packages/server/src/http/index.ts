export * from './api-error-body.js';
export * from './api-logger.js';
export * from './app-deps.js';
export * from './build-app.js';
export * from './error-handler.js';
