/**
 * Per-item reason codes (the server's catalogue, docs/error-codes.md) in words for the person
 * whose data it is: what happened, and what to do when something is needed of them.
 */
export const REASON_WORDS: Readonly<Record<string, { title: string; help: string }>> = {
  SW_ITEM_WRITTEN: { title: 'Copied', help: 'It is now at the destination.' },
  SW_ITEM_ALREADY_SYNCED: {
    title: 'Already copied',
    help: 'An earlier sync copied it; it was not written twice.',
  },
  SW_ITEM_DUPLICATE_AT_DESTINATION: {
    title: 'Already there',
    help: 'The destination had it already, so SyncWell linked to that copy instead of adding another.',
  },
  SW_ITEM_LOOP_PREVENTED: {
    title: 'Came from SyncWell',
    help: 'SyncWell wrote this record itself, so it is not copied back where it came from.',
  },
  SW_ITEM_CONFLICT_PENDING: {
    title: 'Waiting for you',
    help: 'The destination has a different record for the same time. Open Conflicts to choose which to keep.',
  },
  SW_ITEM_CONFLICT_NOT_OVERWRITABLE: {
    title: 'Waiting for you',
    help: 'The destination cannot replace its own record, only add a second one. Open Conflicts to choose.',
  },
  SW_ITEM_CONFLICT_DESTINATION_KEPT: {
    title: 'Kept the destination’s version',
    help: 'The destination had a different record for the same time; as chosen, it was kept.',
  },
  SW_ITEM_CONFLICT_SOURCE_WRITTEN: {
    title: 'Copied over a different version',
    help: 'The destination had a different record for the same time; as chosen, the source’s was written.',
  },
  SW_ITEM_CONFLICT_SOURCE_GONE: {
    title: 'Gone at the source',
    help: 'The source no longer has this record, so there was nothing left to copy.',
  },
  SW_ITEM_INVALID_PAYLOAD: {
    title: 'Unreadable record',
    help: 'The source sent a record SyncWell could not read. It was skipped; the rest went on.',
  },
  SW_ITEM_CORRUPT_FILE: {
    title: 'Damaged file',
    help: 'The workout file was cut short or damaged at the source. It was skipped.',
  },
  SW_ITEM_UNSUPPORTED_FILE: {
    title: 'File SyncWell cannot read',
    help: 'The workout file is intact but written in a way SyncWell cannot read yet. It was skipped.',
  },
  SW_ITEM_UNSUPPORTED_TYPE: {
    title: 'Not accepted there',
    help: 'The destination does not store this kind of data.',
  },
  SW_ITEM_REJECTED_BY_DESTINATION: {
    title: 'Refused by the destination',
    help: 'The destination would not accept this record.',
  },
  SW_PROVIDER_UNAVAILABLE: {
    title: 'Provider having trouble',
    help: 'The provider answered with an error. SyncWell tries again later by itself.',
  },
  SW_PROVIDER_TIMEOUT: {
    title: 'Provider too slow',
    help: 'The provider did not answer in time. SyncWell tries again later by itself.',
  },
  SW_PROVIDER_RATE_LIMITED: {
    title: 'Provider busy',
    help: 'The provider asked SyncWell to slow down. The rest follows later by itself.',
  },
  SW_PROVIDER_AUTH_EXPIRED: {
    title: 'Needs you to reconnect',
    help: 'The provider no longer accepts SyncWell’s access. Reconnect it under Connections.',
  },
  SW_PROVIDER_AUTH_REVOKED: {
    title: 'Needs you to reconnect',
    help: 'Access was withdrawn at the provider. Reconnect it under Connections.',
  },
  SW_PROVIDER_FORBIDDEN: {
    title: 'Permission missing',
    help: 'The provider refused access, perhaps because a permission was unticked. Reconnect and allow it.',
  },
  SW_PROVIDER_GONE: {
    title: 'Service closed',
    help: 'This provider’s service has closed. Reconnect through its successor.',
  },
  SW_PROVIDER_BAD_RESPONSE: {
    title: 'Unreadable answer',
    help: 'The provider sent something SyncWell could not read. It tries again later.',
  },
  SW_PROVIDER_REQUEST_REJECTED: {
    title: 'Request refused',
    help: 'The provider refused the request. It was skipped.',
  },
  SW_PROVIDER_NOT_CONFIGURED: {
    title: 'Provider not set up',
    help: 'This SyncWell server no longer offers this provider; ask whoever runs it.',
  },
  SW_NOT_FOUND: {
    title: 'Gone',
    help: 'It is not there any more: deleted at the provider since, or out of SyncWell’s reach.',
  },
  SW_CONNECTION_NOT_READY: {
    title: 'Needs you to reconnect',
    help: 'A connection of this rule needs you to reconnect it under Connections.',
  },
  SW_RUN_LOCK_LOST: {
    title: 'Interrupted',
    help: 'Another sync of the same rule took over; nothing was lost.',
  },
  SW_INTERNAL: { title: 'Something went wrong', help: 'An unexpected error. SyncWell tries again later.' },
};

export function reasonWords(code: string): { title: string; help: string } {
  return REASON_WORDS[code] ?? { title: 'Other', help: `Reason code ${code}.` };
}
