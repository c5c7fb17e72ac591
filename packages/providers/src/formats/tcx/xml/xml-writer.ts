/**
 * Builds an indented XML document line by line. Just enough for TCX and GPX output: callers
 * write elements in schema order themselves (both schemas use xsd:sequence, and strict readers
 * such as Garmin Connect reject out-of-order elements).
 */
export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly open: string[] = [];

  /** Opens an element; attributes keep the given order (namespace declarations first). */
  start(name: string, attributes: readonly (readonly [string, string])[] = []): this {
    this.lines.push(`${this.indent()}<${name}${attributesText(attributes)}>`);
    this.open.push(name);
    return this;
  }

  /** An element holding only text. */
  leaf(name: string, text: string, attributes: readonly (readonly [string, string])[] = []): this {
    this.lines.push(`${this.indent()}<${name}${attributesText(attributes)}>${escapeXmlText(text)}</${name}>`);
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('XmlWriter: end() without start()');
    this.lines.push(`${this.indent()}</${name}>`);
    return this;
  }

  toString(): string {
    if (this.open.length > 0) throw new Error(`XmlWriter: <${this.open.join('>, <')}> left open`);
    return `${this.lines.join('\n')}\n`;
  }

  private indent(): string {
    return '  '.repeat(this.open.length);
  }
}

// Characters XML 1.0 cannot carry at all, even escaped; dropped so free text (a workout name)
// can never make the whole file unreadable.
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const NEEDS_ESCAPE = /[&<>"\t\n\r\u0000-\u001F\uFFFE\uFFFF]/;

export function escapeXmlText(text: string): string {
  // Fast path: numbers and times, nearly everything these files hold, need no escaping.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(UNWRITABLE, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Also escapes quotes and whitespace controls, which attribute normalisation would flatten. */
export function escapeXmlAttribute(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attributesText(attributes: readonly (readonly [string, string])[]): string {
  return attributes.map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`).join('');
}
