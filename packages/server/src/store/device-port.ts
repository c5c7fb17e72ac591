/*
 * Phones registered for device sync (migration 0009, docs/device-sync.md): which user and platform
 * a phone belongs to, and the hash of its device credential. No health value, anchor or token of
 * the phone's store is kept here.
 */

export const DEVICE_PLATFORMS = ['apple_health', 'health_connect'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

export interface DeviceRow {
  readonly id: string;
  readonly userId: string;
  readonly platform: DevicePlatform;
  /** What the user calls it ("Anna's iPhone"); shown in the app's device list. */
  readonly name: string;
  readonly createdAt: Date;
  /** Set when the user or the account deletion revoked it; its credential no longer works. */
  readonly revokedAt: Date | null;
}

export interface NewDevice {
  readonly userId: string;
  readonly platform: DevicePlatform;
  readonly name: string;
  /** SHA-256 of the credential handed to the phone once. */
  readonly credentialHash: string;
}

/**
 * The store's side of device registration. It leaves out everything about what a device syncs:
 * rules reach a phone through connections, and the phone keeps its own cursors and outbox.
 */
export interface DeviceStore {
  createDevice(input: NewDevice): Promise<DeviceRow>;
  /** The user's devices, revoked ones included, oldest first. */
  listDevices(userId: string): Promise<DeviceRow[]>;
  /** Revokes the user's device; false when it is not theirs or already revoked. */
  revokeDevice(id: string, userId: string): Promise<boolean>;
  /** The live (not revoked) device holding this credential hash. */
  deviceByCredentialHash(credentialHash: string): Promise<DeviceRow | null>;
}
