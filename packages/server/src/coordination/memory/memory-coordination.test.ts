import { describeCoordinationContract } from '../coordination.contract.js';
import { MemoryCoordination } from './memory-coordination.js';

describeCoordinationContract('memory', () => Promise.resolve(new MemoryCoordination()));
