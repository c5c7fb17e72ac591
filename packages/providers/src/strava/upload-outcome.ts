import type { WriteResult } from '@syncwell/core';
import type { StravaUpload } from './schemas.js';

/**
 * Reads one `GET /uploads/{id}` answer. Strava reports a re-upload of a file it already holds as
 * an error "… duplicate of activity 123" (sometimes wrapped in a link); that is success for us,
 * with the existing activity's id.
 */
export function uploadOutcome(upload: StravaUpload): WriteResult | 'processing' {
  if (upload.error !== null && upload.error !== undefined && upload.error !== '') {
    const duplicateOf = /duplicate of\D*?(\d+)/i.exec(upload.error.replace(/<[^>]*>/g, ' '))?.[1];
    if (duplicateOf !== undefined) return { status: 'duplicate', destinationId: duplicateOf };
    return {
      status: 'failed',
      code: 'SW_ITEM_REJECTED_BY_DESTINATION',
      message: `Strava refused the upload: ${upload.error.slice(0, 200)}`,
    };
  }
  if (upload.activity_id !== null && upload.activity_id !== undefined) {
    return { status: 'written', destinationId: upload.activity_id };
  }
  return 'processing';
}
