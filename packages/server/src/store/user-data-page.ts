/** One page of a user's rows from one table, as stored (snake_case columns, epoch-ms times). */
export interface UserDataPage {
  readonly table: string;
  readonly rows: readonly Record<string, unknown>[];
}
