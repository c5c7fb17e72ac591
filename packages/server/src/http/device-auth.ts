import type { FastifyRequest } from 'fastify';
import { hashDeviceCredential } from '../auth/opaque-tokens.js';
import { UnauthenticatedError } from '../auth/auth-errors.js';
import type { DeviceRow, MetadataStore } from '../store/port.js';

const SCHEME = /^Device ([A-Za-z0-9_-]{20,200})$/;

/**
 * The registered, unrevoked phone behind `Authorization: Device <credential>`. A user's access
 * token is not accepted here, nor a device credential on the user routes: a phone's credential
 * reaches only the device API, and revoking it cuts the phone off without logging the user out.
 */
export async function requestDevice(request: FastifyRequest, store: MetadataStore): Promise<DeviceRow> {
  const match = SCHEME.exec(request.headers.authorization ?? '');
  const credential = match?.[1];
  if (credential === undefined) throw new UnauthenticatedError('Missing or malformed device credential.');
  const device = await store.deviceByCredentialHash(hashDeviceCredential(credential));
  if (device === null) throw new UnauthenticatedError('Unknown or revoked device credential.');
  return device;
}
