import { canonicalRecord, type ProviderSession } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { benchDestinationModule } from './bench-destination-module.js';
import { BenchProbeCounter } from './bench-probe.js';
import { benchSourceModule } from './bench-source-module.js';

const config = {
  clientId: 'id',
  clientSecret: 'secret',
  baseUrls: { api: 'http://127.0.0.1:9', authorize: 'http://127.0.0.1:9', token: 'http://127.0.0.1:9' },
};
const session: ProviderSession = {
  connectionId: 'c1',
  externalUserId: 'athlete-1',
  accessToken: () => Promise.resolve('token'),
  refreshAccessToken: () => Promise.resolve('token'),
};

describe('benchmark provider modules', () => {
  it('reads 24 valid records per page and moves the cursor past them', async () => {
    const probe = new BenchProbeCounter();
    const source = benchSourceModule({ probe }).create(config).data;
    for (const dataType of ['daily_activity', 'heart_rate'] as const) {
      const first = await source.read(session, { dataType, cursor: null });
      const second = await source.read(session, { dataType, cursor: first.nextCursor });
      expect(first.items).toHaveLength(24);
      expect(first.hasMore).toBe(false);
      const records = [...first.items, ...second.items].map((item) => {
        if (!item.ok) throw new Error('bench source produced a failure');
        return canonicalRecord.parse(item.record);
      });
      expect(new Set(records.map((r) => r.provenance.externalId)).size).toBe(48);
      expect(records.every((r) => r.provenance.provider === 'garmin')).toBe(true);
    }
    expect(probe.reads).toBe(4);
    expect(probe.recordsRead).toBe(96);
  });

  it('accepts every write with a destination id and counts calls in flight', async () => {
    const probe = new BenchProbeCounter();
    const source = benchSourceModule().create(config).data;
    const destination = benchDestinationModule({ latencyMs: 20, probe }).create(config).data;
    expect(destination.facts.id).toBe('oura');
    const page = await source.read(session, { dataType: 'daily_activity', cursor: null });
    const items = page.items.flatMap((item, i) => (item.ok ? [{ record: item.record, tag: `sw-${i}` }] : []));
    const results = await Promise.all([destination.write(session, items), destination.write(session, items)]);
    expect(probe.peakInFlight).toBe(2);
    expect(probe.inFlight).toBe(0);
    const [first] = results;
    expect(first).toHaveLength(24);
    first.forEach((result, i) =>
      expect(result).toEqual({ status: 'written', destinationId: `oura-sw-${i}` }),
    );
  });
});
