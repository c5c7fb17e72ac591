export * from './access-token.js';
export * from './auth-errors.js';
export * from './opaque-tokens.js';
export * from './password-hasher.js';
export * from './session-service.js';
export * from './connection-tokens.js';
