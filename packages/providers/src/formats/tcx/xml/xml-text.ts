import { XmlSyntaxError } from './xml-reader.js';

// Encodings seen in real TCX/GPX exports. Latin-1 labels decode as windows-1252, as the WHATWG
// Encoding Standard (and so TextDecoder in Node and browsers) defines them.
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
const LATIN1_LABELS = new Set(['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252']);

/**
 * Bytes of an XML file → text, honouring the encoding the XML declaration names. Invalid
 * UTF-8 is an error (a flipped byte must not become U+FFFD and read on as valid data).
 * UTF-16 is refused: no fitness exporter writes it.
 */
export function xmlTextOf(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) {
    throw new XmlSyntaxError('UTF-16 is not supported', 0);
  }
  const head = new TextDecoder('windows-1252').decode(input.subarray(0, 200));
  const declared = /^(?:\uFEFF|ï»¿)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/
    .exec(head)?.[1]
    ?.toLowerCase();
  let label = 'utf-8';
  if (declared !== undefined && LATIN1_LABELS.has(declared)) label = 'windows-1252';
  else if (declared !== undefined && !UTF8_LABELS.has(declared)) {
    throw new XmlSyntaxError(`unsupported encoding ${declared}`, 0);
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(input);
  } catch {
    throw new XmlSyntaxError(`bytes are not valid ${label}`, 0);
  }
}
