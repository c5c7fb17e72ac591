export * from './scripted-failures.js';
export * from './web-push-service.js';
export * from './web-push-decrypt.js';
export * from './apns-service.js';
export * from './fcm-service.js';
export * from './smtp-sink.js';
export * from './webhook-receiver.js';
