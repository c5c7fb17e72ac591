import { Decoder, Stream } from '@garmin/fitsdk';
import type { FitMessages } from '@garmin/fitsdk';
import { FitDecodeError } from './fit-decode-error.js';

/**
 * Reads a FIT file's messages, telling a damaged file from an intact one the SDK cannot read:
 * - not FIT, truncated or a CRC mismatch: `SW_ITEM_CORRUPT_FILE`;
 * - intact (the CRC checks) but the SDK fails on it: `SW_ITEM_UNSUPPORTED_FILE`. The JavaScript
 *   SDK refuses compressed-timestamp record headers (some Garmin and Wahoo units write them for
 *   1 s records), and a device bug it trips on makes it throw; neither says the file is broken.
 * Never throws anything but `FitDecodeError`.
 */
export function readFitMessages(bytes: Uint8Array): FitMessages {
  let decoder: Decoder;
  try {
    decoder = new Decoder(Stream.fromByteArray(bytes));
    if (!decoder.isFIT()) throw new FitDecodeError('not a FIT file');
    if (!decoder.checkIntegrity()) throw new FitDecodeError('truncated or CRC mismatch');
  } catch (error) {
    if (error instanceof FitDecodeError) throw error;
    throw new FitDecodeError('not a FIT file', { cause: error });
  }
  try {
    const { messages, errors } = decoder.read();
    const [first] = errors;
    if (first !== undefined)
      throw new FitDecodeError(unsupportedReason(first), { unsupported: true, cause: first });
    return messages;
  } catch (error) {
    if (error instanceof FitDecodeError) throw error;
    throw new FitDecodeError(unsupportedReason(error), { unsupported: true, cause: error });
  }
}

/** The SDK's messages name a byte offset and the feature, never a value from the file. */
function unsupportedReason(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/compressed timestamp/i.test(message)) return 'compressed-timestamp record headers are not supported';
  return `the FIT SDK cannot read this intact file (${message.slice(0, 120) || 'no reason given'})`;
}
