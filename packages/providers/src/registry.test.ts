import { describe, expect, it } from 'vitest';
import { getProviderModule, PROVIDER_MODULES } from './registry.js';

describe('provider registry', () => {
  it('holds each module under its own facts id', () => {
    expect(PROVIDER_MODULES.size).toBeGreaterThanOrEqual(2);
    expect([...PROVIDER_MODULES.keys()]).toEqual(expect.arrayContaining(['polar', 'strava']));
    for (const [id, module] of PROVIDER_MODULES) expect(module.facts.id).toBe(id);
    expect(getProviderModule('strava').facts.terms).toEqual({ ownerOnly: true, excludeFromTraining: true });
  });

  it('refuses providers without a client', () => {
    expect(() => getProviderModule('apple_health')).toThrow(
      expect.objectContaining({ code: 'SW_PROVIDER_NOT_CONFIGURED' }) as Error,
    );
  });
});
