/**
 * A small, strict XML 1.0 reader for the subset TCX and GPX use: elements, attributes, text,
 * the five predefined entities and character references, CDATA, comments, processing
 * instructions, and namespaces declared by `xmlns` / `xmlns:p`.
 *
 * Strict on purpose: a workout file that is not well-formed is a corrupt file, and guessing at
 * a repair would turn corruption into wrong data. DOCTYPE is refused, which also rules out
 * entity-expansion attacks. Iterative (explicit stack), so deep nesting cannot overflow the
 * call stack. Lives under tcx/ only because of folder ownership; GPX imports it from here.
 */
export interface XmlAttribute {
  readonly local: string;
  /** Namespace URI; unprefixed attributes have none (XML Namespaces §6.2). */
  readonly ns: string | undefined;
  readonly value: string;
}

export interface XmlElement {
  readonly local: string;
  readonly ns: string | undefined;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Character data directly inside this element (not its descendants), entities decoded. */
  readonly text: string;
}

/** Not well-formed XML. `offset` is the character index where reading stopped. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`XML not well-formed at ${offset}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]]);
const MAX_DEPTH = 256;
// XML 1.0 forbids C0 controls other than tab, LF, CR, and the non-characters U+FFFE/U+FFFF.
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAME =
  /[A-Za-z_\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*(?::[A-Za-z_\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*)?/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface MutableElement {
  local: string;
  ns: string | undefined;
  attributes: XmlAttribute[];
  children: MutableElement[];
  text: string;
}

interface Frame {
  readonly qname: string;
  readonly element: MutableElement;
  readonly scope: ReadonlyMap<string, string>;
  readonly text: string[];
}

/**
 * Parses a whole document and returns its root element.
 *
 * @example
 *   const root = parseXml('<a xmlns="urn:x"><b>1 &amp; 2</b></a>');
 *   root.children[0]?.text; // '1 & 2'
 */
export function parseXml(source: string): XmlElement {
  return new Reader(source).document();
}

class Reader {
  private i = 0;

  constructor(private readonly src: string) {}

  document(): XmlElement {
    const bad = ILLEGAL_CHAR.exec(this.src);
    if (bad !== null) this.fail('illegal character', bad.index);
    if (this.src.startsWith('\uFEFF')) this.i = 1;
    this.misc();
    if (this.src.startsWith('<!DOCTYPE', this.i)) this.fail('DOCTYPE is not supported');
    if (this.src[this.i] !== '<') this.fail(this.i >= this.src.length ? 'empty document' : 'no root element');

    const stack: Frame[] = [];
    let root: MutableElement | undefined;
    while (root === undefined) {
      const lt = this.src.indexOf('<', this.i);
      if (lt === -1) this.fail('truncated: unclosed element', this.src.length);
      const top = stack.at(-1);
      if (lt > this.i && top !== undefined)
        top.text.push(this.decodeText(this.src.slice(this.i, lt), this.i));
      this.i = lt;
      if (this.src.startsWith('</', lt)) {
        const frame = this.endTag(stack);
        frame.element.text = frame.text.join('');
        if (stack.length === 0) root = frame.element;
      } else if (this.src.startsWith('<!--', lt)) {
        this.skipPast('-->', 'unterminated comment');
      } else if (this.src.startsWith('<![CDATA[', lt)) {
        if (top === undefined) this.fail('CDATA outside the root element');
        const end = this.src.indexOf(']]>', lt + 9);
        if (end === -1) this.fail('unterminated CDATA', this.src.length);
        top.text.push(this.src.slice(lt + 9, end));
        this.i = end + 3;
      } else if (this.src.startsWith('<?', lt)) {
        this.skipPast('?>', 'unterminated processing instruction');
      } else if (this.src.startsWith('<!', lt)) {
        this.fail('unsupported markup declaration');
      } else {
        const opened = this.startTag(top);
        if (opened.selfClosing) {
          if (top === undefined) root = opened.frame.element;
        } else {
          if (stack.length >= MAX_DEPTH) this.fail('nesting too deep');
          stack.push(opened.frame);
        }
      }
    }
    this.misc();
    if (this.i < this.src.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions, allowed before and after the root. */
  private misc(): void {
    for (;;) {
      SPACE.lastIndex = this.i;
      SPACE.exec(this.src);
      this.i = SPACE.lastIndex;
      if (this.src.startsWith('<?', this.i)) this.skipPast('?>', 'unterminated processing instruction');
      else if (this.src.startsWith('<!--', this.i)) this.skipPast('-->', 'unterminated comment');
      else return;
    }
  }

  private startTag(parent: Frame | undefined): { frame: Frame; selfClosing: boolean } {
    this.i += 1;
    const qname = this.name();
    const raw: [string, string][] = [];
    for (;;) {
      const before = this.i;
      this.space();
      if (this.src.startsWith('/>', this.i) || this.src[this.i] === '>') break;
      if (this.i === before) this.fail('expected whitespace before attribute');
      const name = this.name();
      this.space();
      this.expect('=');
      this.space();
      const quote = this.src[this.i];
      if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted');
      const end = this.src.indexOf(quote, this.i + 1);
      if (end === -1) this.fail('truncated attribute value', this.src.length);
      const value = this.src.slice(this.i + 1, end);
      if (value.includes('<')) this.fail("'<' in attribute value");
      if (raw.some(([n]) => n === name)) this.fail(`duplicate attribute ${name}`);
      // Attribute-value normalisation (XML §3.3.3): literal whitespace characters become spaces.
      raw.push([name, this.decodeText(value, this.i + 1).replace(/[\t\r\n]/g, ' ')]);
      this.i = end + 1;
    }
    const selfClosing = this.src[this.i] === '/';
    this.i += selfClosing ? 2 : 1;

    // Most elements declare nothing: share the parent's scope instead of copying it per element.
    const declares = raw.some(([name]) => name === 'xmlns' || name.startsWith('xmlns:'));
    const scope = declares || parent === undefined ? new Map(parent?.scope ?? ROOT_SCOPE) : parent.scope;
    if (declares) {
      const own = scope as Map<string, string>;
      for (const [name, value] of raw) {
        if (name === 'xmlns') own.set('', value);
        else if (name.startsWith('xmlns:')) {
          if (value === '') this.fail(`empty namespace for prefix ${name.slice(6)}`);
          own.set(name.slice(6), value);
        }
      }
    }
    const attributes: XmlAttribute[] = [];
    for (const [name, value] of raw) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const [prefix, local] = splitName(name);
      attributes.push({ local, ns: prefix === '' ? undefined : this.resolve(scope, prefix), value });
    }
    const [prefix, local] = splitName(qname);
    const ns = this.resolve(scope, prefix);
    const element: MutableElement = {
      local,
      ns: ns === '' ? undefined : ns,
      attributes,
      children: [],
      text: '',
    };
    parent?.element.children.push(element);
    return { frame: { qname, element, scope, text: [] }, selfClosing };
  }

  private endTag(stack: Frame[]): Frame {
    this.i += 2;
    const qname = this.name();
    this.space();
    this.expect('>');
    const frame = stack.pop();
    if (frame?.qname !== qname) this.fail(`end tag </${qname}> does not match`);
    return frame;
  }

  private resolve(scope: ReadonlyMap<string, string>, prefix: string): string | undefined {
    const uri = scope.get(prefix);
    if (prefix !== '' && uri === undefined) this.fail(`undeclared namespace prefix ${prefix}`);
    return uri;
  }

  private decodeText(raw: string, at: number): string {
    if (raw.includes(']]>')) this.fail("']]>' in text", at);
    if (!raw.includes('&')) return raw;
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      ENTITY.lastIndex = amp;
      const m = ENTITY.exec(raw);
      if (m === null) this.fail('malformed entity or reference', at + amp);
      const [, hex, dec, named] = m;
      out += raw.slice(from, amp);
      out +=
        named === undefined
          ? this.codePoint(hex === undefined ? Number(dec) : parseInt(hex, 16), at + amp)
          : (PREDEFINED[named] ?? '');
      from = ENTITY.lastIndex;
    }
    return out + raw.slice(from);
  }

  private codePoint(cp: number, at: number): string {
    const legal =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    if (!legal) this.fail('character reference to an illegal character', at);
    return String.fromCodePoint(cp);
  }

  private name(): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.src);
    if (m === null) this.fail(this.i >= this.src.length ? 'truncated tag' : 'expected a name');
    this.i = NAME.lastIndex;
    return m[0];
  }

  private space(): void {
    SPACE.lastIndex = this.i;
    SPACE.exec(this.src);
    this.i = SPACE.lastIndex;
  }

  private expect(char: string): void {
    if (this.src[this.i] !== char)
      this.fail(this.i >= this.src.length ? 'truncated tag' : `expected '${char}'`);
    this.i += 1;
  }

  private skipPast(terminator: string, reason: string): void {
    const end = this.src.indexOf(terminator, this.i + 2);
    if (end === -1) this.fail(reason, this.src.length);
    this.i = end + terminator.length;
  }

  private fail(reason: string, at: number = this.i): never {
    throw new XmlSyntaxError(reason, at);
  }
}

function splitName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon === -1 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}
