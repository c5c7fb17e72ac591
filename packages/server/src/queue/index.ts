export * from './port.js';
export { backoffDelay, DEFAULT_RETRY_POLICY } from './backoff.js';
export { createMemoryQueue, type MemoryQueueOptions } from './memory/memory-queue.js';
export { createBullmqQueue, type BullmqQueueOptions } from './bullmq/bullmq-queue.js';
