/**
 * A one-line progress indicator on stderr, so stdout keeps only the results. On a terminal the
 * line is rewritten in place; elsewhere (CI logs, vitest) at most one line every 2 s.
 */
export interface Progress {
  update(text: string): void;
  done(text?: string): void;
}

export function progress(label: string): Progress {
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  let lastText = '';
  const write = (text: string, final: boolean) => {
    if (tty) process.stderr.write(`\r\x1b[2K[${label}] ${text}${final ? '\n' : ''}`);
    else process.stderr.write(`[${label}] ${text}\n`);
  };
  return {
    update(text) {
      lastText = text;
      const now = Date.now();
      if (!tty && now - lastPrint < 2_000) return;
      lastPrint = now;
      write(text, false);
    },
    done(text) {
      write(text ?? lastText, true);
    },
  };
}
