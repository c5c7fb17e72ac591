import type { XmlElement } from './xml-reader.js';

/** First child with this namespace URI and local name. */
export function childOf(
  el: XmlElement | undefined,
  ns: string | undefined,
  local: string,
): XmlElement | undefined {
  return el?.children.find((c) => c.local === local && c.ns === ns);
}

/** All children with this namespace URI and local name, in document order. */
export function childrenOf(el: XmlElement | undefined, ns: string | undefined, local: string): XmlElement[] {
  return el?.children.filter((c) => c.local === local && c.ns === ns) ?? [];
}

/** Trimmed text of a leaf element; `undefined` when the element is absent. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el?.text.trim();
}

/** An unprefixed attribute (the only kind TCX and GPX define). */
export function attributeOf(el: XmlElement | undefined, local: string): string | undefined {
  return el?.attributes.find((a) => a.local === local && a.ns === undefined)?.value;
}
