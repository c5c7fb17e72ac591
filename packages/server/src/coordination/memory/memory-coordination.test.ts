import { describe, expect, it } from 'vitest';
import { describeCoordinationContract } from '../coordination.contract.js';
import { MemoryCoordination } from './memory-coordination.js';

describeCoordinationContract('memory', () => Promise.resolve(new MemoryCoordination()));

describe('MemoryCoordination across a process restart', () => {
  it('hands out fencing tokens above those of the previous process (the store remembers them)', async () => {
    let clock = Date.UTC(2026, 10, 25, 12);
    const before = await new MemoryCoordination(() => clock).acquireLock('rule:r', 1_000);
    clock += 5;
    const after = await new MemoryCoordination(() => clock).acquireLock('rule:r', 1_000);
    expect(after!.fencingToken).toBeGreaterThan(before!.fencingToken);
  });
});
