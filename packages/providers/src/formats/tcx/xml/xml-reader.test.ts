import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XmlSyntaxError, parseXml } from './xml-reader.js';
import { xmlTextOf } from './xml-text.js';
import { readXmlDateTime, readXmlNumber, writeXmlNumber } from './xml-values.js';
import { XmlWriter, escapeXmlText } from './xml-writer.js';

describe('parseXml', () => {
  it('reads elements, attributes, entities, CDATA and resolves namespaces by prefix', () => {
    const root = parseXml(
      `\uFEFF<?xml version="1.0"?>\n<!-- c --><a xmlns="urn:d" xmlns:p="urn:p" k='v &amp; w' p:q="1">` +
        `<b>1 &lt; 2 &#x263A;&#65;</b><p:c><![CDATA[<raw> & ]]></p:c><e xmlns=""/></a>\n<?pi x?>`,
    );
    expect(root).toMatchObject({ local: 'a', ns: 'urn:d' });
    expect(root.attributes).toEqual([
      { local: 'k', ns: undefined, value: 'v & w' },
      { local: 'q', ns: 'urn:p', value: '1' },
    ]);
    expect(root.children.map((c) => [c.local, c.ns, c.text])).toEqual([
      ['b', 'urn:d', '1 < 2 ☺A'],
      ['c', 'urn:p', '<raw> & '],
      ['e', undefined, ''],
    ]);
  });

  it.each([
    ['', 'empty document'],
    ['<a><b></a>', 'does not match'],
    ['<a>', 'truncated'],
    ['<a x="1></a>', 'truncated attribute'],
    ['<a x=1/>', 'quoted'],
    ['<a x="1" x="2"/>', 'duplicate'],
    ['<p:a/>', 'undeclared'],
    ['<a>&nbsp;</a>', 'entity'],
    ['<a>& b</a>', 'entity'],
    ['<a>&#0;</a>', 'illegal'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', 'DOCTYPE'],
    ['<a/><b/>', 'after the root'],
    ['text', 'no root'],
    ['<a>\u0001</a>', 'illegal character'],
    ['<a><!-- x </a>', 'comment'],
    ['<a><![CDATA[x</a>', 'CDATA'],
  ])('rejects %j (%s)', (src, reason) => {
    expect(() => parseXml(src)).toThrow(XmlSyntaxError);
    expect(() => parseXml(src)).toThrow(reason);
  });

  it('never throws anything but XmlSyntaxError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseXml(`<a>${s}`);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlSyntaxError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads back any text and attribute the writer escaped', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (text, attr) => {
        const xml = new XmlWriter()
          .start('r', [['a', attr]])
          .leaf('t', text)
          .end()
          .toString();
        const root = parseXml(xml);
        expect(root.children[0]?.text).toBe(
          escapeXmlText(text).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
        );
        expect(root.attributes[0]?.value).toBe(
          escapeXmlText(attr).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('handles deep but legal nesting without recursion and refuses absurd depth', () => {
    expect(parseXml(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`).local).toBe('a');
    expect(() => parseXml(`${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`)).toThrow('too deep');
  });
});

describe('xmlTextOf', () => {
  it('decodes UTF-8, honours a Latin-1 declaration and refuses invalid UTF-8 and UTF-16', () => {
    expect(xmlTextOf(new TextEncoder().encode('<a>é</a>'))).toBe('<a>é</a>');
    const latin = Uint8Array.from([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>'),
      0xe9,
      ...new TextEncoder().encode('</a>'),
    ]);
    expect(parseXml(xmlTextOf(latin)).text).toBe('é');
    expect(() => xmlTextOf(Uint8Array.from([0x3c, 0x61, 0xff, 0x3e]))).toThrow('valid utf-8');
    expect(() => xmlTextOf(Uint8Array.from([0xff, 0xfe, 0x3c, 0]))).toThrow('UTF-16');
    expect(() =>
      xmlTextOf(new TextEncoder().encode('<?xml version="1.0" encoding="Shift_JIS"?><a/>')),
    ).toThrow('unsupported');
  });
});

describe('XML values', () => {
  it('reads xsd:dateTime strictly, with offsets, fractions and no zone as UTC', () => {
    expect(readXmlDateTime('2026-05-03T06:30:00Z')).toEqual({
      iso: '2026-05-03T06:30:00.000Z',
      offsetMinutes: undefined,
    });
    expect(readXmlDateTime(' 2026-05-03T08:30:00.1239+02:00 ')).toEqual({
      iso: '2026-05-03T06:30:00.123Z',
      offsetMinutes: 120,
    });
    expect(readXmlDateTime('2026-05-03T06:30:00')?.iso).toBe('2026-05-03T06:30:00.000Z');
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-05-03 06:30:00Z',
      '2026-05-03T24:00:01Z',
      '2026-05-03T06:30:00+15:00',
      'x',
      '',
    ]) {
      expect(readXmlDateTime(bad)).toBeUndefined();
    }
  });

  it('reads numbers strictly and writes them without exponents', () => {
    expect(readXmlNumber(' 47.5 ')).toBe(47.5);
    expect(readXmlNumber('-1e3')).toBe(-1000);
    for (const bad of ['NaN', 'INF', '1,5', '', '0x10', '1e999']) expect(readXmlNumber(bad)).toBeUndefined();
    expect(writeXmlNumber(1e-7)).toBe('0.0000001');
    for (const x of [8.5417 - 0.0000765432, -179.99999999, 408.4, 0.1 + 0.2]) {
      expect(Number(writeXmlNumber(x))).toBe(x);
    }
  });
});
