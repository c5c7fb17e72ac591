/**
 * A downloaded file as a flaky upload chain delivers it: cut in half and with its trailing CRC
 * bytes flipped, so a FIT decoder's integrity check fails (never a silently shorter workout).
 */
export function corruptFileBytes(bytes: Uint8Array): Buffer {
  const cut = Buffer.from(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
  const last = cut.length - 1;
  cut[last] = (cut[last] ?? 0) ^ 0xff;
  return cut;
}
