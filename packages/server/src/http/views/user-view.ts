import { z } from 'zod';
import type { UserRow } from '../../store/port.js';

export const userView = z.object({ id: z.string(), email: z.string(), createdAt: z.string() });
export type UserView = z.infer<typeof userView>;

/** Never the password hash. */
export function toUserView(row: UserRow): UserView {
  return { id: row.id, email: row.email, createdAt: row.createdAt.toISOString() };
}
