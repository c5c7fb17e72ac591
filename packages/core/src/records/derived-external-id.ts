/** The schema's bound on `provenance.externalId`. */
const MAX_EXTERNAL_ID = 200;

/**
 * The external id of one part of a source record (a leg of a multisport activity, the second
 * activity of a TCX file): `<parent>#<part>`. Deterministic, so re-reading the same source gives
 * the same ids and the ledger recognises what it wrote. A parent too long to take the suffix is
 * shortened and keeps a hash of its full text, so two long parents never share a part's id.
 *
 * @example derivedExternalId('12345', 'leg2') // '12345#leg2'
 */
export function derivedExternalId(parent: string, part: string): string {
  const plain = `${parent}#${part}`;
  if (plain.length <= MAX_EXTERNAL_ID) return plain;
  const digest = fnv1a32(parent);
  return `${parent.slice(0, MAX_EXTERNAL_ID - part.length - digest.length - 2)}~${digest}#${part}`;
}

/** FNV-1a, 32 bits, hex: a stable short digest without Node's crypto (core also runs on phones). */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
