export type { Coordination, Lock } from './port.js';
export { MemoryCoordination } from './memory/memory-coordination.js';
