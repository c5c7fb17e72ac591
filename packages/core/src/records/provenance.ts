import { z } from 'zod';

/** Every platform SyncWell knows. Provider-specific code lives in packages/providers/<id>/. */
export const PROVIDER_IDS = [
  'polar',
  'strava',
  'garmin',
  'oura',
  'withings',
  'whoop',
  'google_health',
  'fitbit_legacy',
  'apple_health',
  'health_connect',
] as const;
export const providerId = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof providerId>;

/** Where a record came from. `externalId` is the source platform's own id for it. */
export const provenance = z.strictObject({
  provider: providerId,
  externalId: z.string().min(1).max(200),
  device: z
    .strictObject({
      manufacturer: z.string().max(100).optional(),
      model: z.string().max(100).optional(),
    })
    .optional(),
  /**
   * Set when the source platform tells us SyncWell itself wrote this record (an upload
   * `external_id` carrying our tag). Loop prevention uses it together with the ledger.
   */
  syncTag: z.string().max(200).optional(),
  /**
   * The source's terms forbid using this record to train any model (Strava's API policy). Set
   * by the provider's mapping; anything that feeds a model (insights, AI suggestions) must skip
   * records carrying it.
   */
  excludeFromTraining: z.literal(true).optional(),
});
export type Provenance = z.infer<typeof provenance>;
