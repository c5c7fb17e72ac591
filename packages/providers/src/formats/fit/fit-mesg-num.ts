/**
 * Global message numbers from the FIT profile (Profile.MesgNum), spelled out because the SDK
 * types that map as Record<string, number>, which strict indexing reads as possibly undefined.
 */
export const MESG = { FILE_ID: 0, SESSION: 18, LAP: 19, RECORD: 20, EVENT: 21, ACTIVITY: 34 } as const;
