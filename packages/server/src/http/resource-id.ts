import { z } from 'zod';

/**
 * Store ids are UUIDs. Checking the shape at the edge keeps junk out of queries (a PostgreSQL
 * uuid column would raise on it); a malformed id in the path is answered like an unknown one,
 * 404, because the error handler maps every path-parameter failure to SW_NOT_FOUND.
 */
export const resourceId = z.uuid();
export const idParams = z.strictObject({ id: resourceId });
