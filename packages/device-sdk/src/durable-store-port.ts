/**
 * The phone's durable key-value storage (SQLite, MMKV, AsyncStorage's multiSet). `setMany` is
 * atomic: either every entry lands or none does, which is what lets the outbox store a batch and
 * advance the store cursor it was read up to as one step, so a kill between them loses nothing.
 * A `null` value deletes the key. No expiry, no listing beyond a prefix, no transactions across
 * calls: the SDK needs none.
 */
export interface DurableStorePort {
  get(key: string): Promise<string | undefined>;
  setMany(entries: readonly (readonly [key: string, value: string | null])[]): Promise<void>;
  keys(prefix: string): Promise<readonly string[]>;
}
