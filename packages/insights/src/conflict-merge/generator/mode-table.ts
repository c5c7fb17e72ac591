import { failureModeCatalogue } from './failure-modes.js';

const HEADER = ['failure mode', 'share of conflicts', 'what happens'] as const;

/** The failure-mode table of docs/conflict-merge.md as cells, header first. */
export function modeTableCells(): string[][] {
  return [
    [...HEADER],
    ...failureModeCatalogue().map((m) => [`\`${m.id}\``, `${(m.share * 100).toFixed(1)} %`, m.description]),
  ];
}

/** The table as markdown (prettier pads it in the document; cells are what a test compares). */
export function renderModeTable(): string {
  const rows = modeTableCells().slice(1);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The cells of the markdown table in `text` that starts with this table's header. */
export function tableCellsIn(text: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|') && l.includes(HEADER[0]) && l.includes(HEADER[2]));
  if (start < 0) return [];
  const cells: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    const row = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (row.every((c) => /^-+$/.test(c))) continue;
    cells.push(row);
  }
  return cells;
}
