import { z } from 'zod';
import { CONNECTION_STATUSES, type ConnectionRow } from '../../store/port.js';

/** A connection as the API shows it: never its tokens, sealed or not (DESIGN §6.2). */
export const connectionView = z.object({
  id: z.string(),
  provider: z.string(),
  externalUserId: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  scopes: z.array(z.string()),
  tokenExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionView>;

export function toConnectionView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    provider: row.provider,
    externalUserId: row.externalUserId,
    status: row.status,
    scopes: [...row.scopes],
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
