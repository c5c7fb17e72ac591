import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Every module `entry` reaches through relative imports. */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const [, spec] of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
      visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('@syncwell/insights/conflict-merge', () => {
  it('imports nothing Node-only (a phone or browser bundle can suggest merges)', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const modules = reachable(entry);
    expect(modules.size).toBeGreaterThan(10);
    const nodeImports = [...modules].filter(([, text]) => /from '(node:|fs|path|crypto)/.test(text));
    expect(nodeImports.map(([file]) => relative(dirname(entry), file))).toEqual([]);
  });
});
