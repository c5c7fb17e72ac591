import { describe, expect, it } from 'vitest';
import { FaultController } from './fault-controller.js';

const kinds = (c: FaultController, n: number) =>
  Array.from({ length: n }, () => c.actionFor('api', '/v3/exercises')?.kind ?? 'ok');

describe('FaultController', () => {
  it('draws 5xx from a seeded PRNG: same seed, same sequence; a new set() restarts it', () => {
    const a = new FaultController();
    const b = new FaultController();
    a.set({ errorRate5xx: 0.4, seed: 9 });
    b.set({ errorRate5xx: 0.4, seed: 9 });
    const first = kinds(a, 50);
    expect(kinds(b, 50)).toEqual(first);
    expect(first).toContain('serverError');
    expect(first).toContain('ok');
    a.set({ errorRate5xx: 0.4, seed: 9 });
    expect(kinds(a, 50)).toEqual(first);
  });

  it('ends a 429 storm after its count or its duration on the simulator clock', () => {
    let now = 0;
    const c = new FaultController(() => now);
    c.set({ rateLimitStorm: { count: 2 } });
    expect(kinds(c, 3)).toEqual(['rateLimited', 'rateLimited', 'ok']);
    c.set({ rateLimitStorm: { durationMs: 1_000 } });
    expect(kinds(c, 2)).toEqual(['rateLimited', 'rateLimited']);
    now += 1_000;
    expect(kinds(c, 1)).toEqual(['ok']);
  });

  it('scopes request faults to API or token paths', () => {
    const c = new FaultController();
    c.set({ gone410: true });
    expect(c.actionFor('token', '/oauth/token')).toBeNull();
    expect(c.actionFor(null, '/oauth/authorize')).toBeNull();
    c.set({ gone410: true, scope: 'both' });
    expect(c.actionFor('token', '/oauth/token')).toEqual({ kind: 'gone' });
  });

  it('keeps failNext: by target, by path anywhere, and 0 stops failing', () => {
    const c = new FaultController();
    c.failNext(1, 503);
    expect(c.actionFor('token', '/oauth/token')).toBeNull();
    expect(c.actionFor('api', '/v3/x')).toEqual({ kind: 'status', status: 503 });
    expect(c.actionFor('api', '/v3/x')).toBeNull();
    c.failNext(2, 500, { path: '/oauth/revoke' });
    expect(c.actionFor(null, '/oauth/revoke')).toEqual({ kind: 'status', status: 500 });
    c.failNext(0, 500);
    expect(c.actionFor(null, '/oauth/revoke')).toBeNull();
  });

  it('corrupts an even, sticky share of items by first-seen order', () => {
    const c = new FaultController();
    c.set({ malformedPayload: { share: 0.5, target: 'items' } });
    const hits = ['a', 'b', 'c', 'd', 'b'].map((key) => c.corrupts('items', key));
    expect(hits).toEqual([false, true, false, true, true]);
    expect(c.corrupts('files', 'a')).toBe(false);
  });

  it('caps a timeout hold and refuses nonsense plans', () => {
    const c = new FaultController();
    c.set({ timeout: { holdMs: 60_000, count: 1 } });
    expect(c.actionFor('api', '/x')).toEqual({ kind: 'timeout', holdMs: 10_000 });
    expect(c.actionFor('api', '/x')).toBeNull();
    expect(() => c.set({ errorRate5xx: 1.5 })).toThrow(RangeError);
    expect(() => c.set({ malformedPayload: { share: 0 } })).toThrow(RangeError);
    expect(() => c.set({ latencyMs: { min: 5, max: 1 } })).toThrow(RangeError);
  });
});
