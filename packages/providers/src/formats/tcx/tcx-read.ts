import { TcxDecodeError } from './tcx-decode-error.js';
import { TCX_NS } from './tcx-namespaces.js';
import { childOf, readXmlDateTime, readXmlNumber, textOf } from './xml/index.js';
import type { XmlElement, XmlInstant } from './xml/index.js';

/** Field readers for the TCX decoder: each either returns a value or names what was bad. */

export function requiredTime(text: string | undefined, what: string): XmlInstant {
  if (text === undefined || text === '') throw new TcxDecodeError(`${what} is missing`);
  const instant = readXmlDateTime(text);
  if (instant === undefined) throw new TcxDecodeError(`${what} is not a dateTime`);
  return instant;
}

/** An optional number; present but unreadable is corruption, not absence. */
export function optionalNumber(el: XmlElement | undefined, what: string): number | undefined {
  const text = textOf(el);
  if (text === undefined) return undefined;
  const value = readXmlNumber(text);
  if (value === undefined) throw new TcxDecodeError(`${what} is not a number`);
  return value;
}

/** `<X><Value>n</Value></X>`, the TCX heart-rate shape. */
export function heartRateValue(parent: XmlElement | undefined, name: string): number | undefined {
  return optionalNumber(childOf(childOf(parent, TCX_NS, name), TCX_NS, 'Value'), name);
}

/** Heart rates outside what the canonical schema allows (0 = strap lost) are dropped. */
export function plausibleHeartRate(bpm: number | undefined): number | undefined {
  return bpm !== undefined && Number.isInteger(bpm) && bpm >= 20 && bpm <= 260 ? bpm : undefined;
}
