import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('assembles events split across chunks, with multi-line data and comments', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\nevent: run\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\ndata: {"b":2}\nid: 7\n')).toEqual([]);
    expect(parser.push('\nevent: done\r\ndata: x\r\n\r\n')).toEqual([
      { event: 'run', data: '{"a":1}\n{"b":2}', id: '7' },
      { event: 'done', data: 'x', id: '7' },
    ]);
  });

  it('names an event without an event field "message" and drops one without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: nothing\n\ndata:plain\n\n')).toEqual([
      { event: 'message', data: 'plain', id: null },
    ]);
  });
});
