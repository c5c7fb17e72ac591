import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (scripts/ensure-system-packages.sh installs it); CHROMIUM_PATH overrides. */
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/*
 * Flags for a closed network and a root user: no sandbox (root), no GPU, and no background
 * traffic (component updates, sync, QUIC probes), which this machine's network refuses.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Same pixels on every run: no LCD subpixel text, no font hinting differences from the GPU path.
  '--font-render-hinting=none',
  '--disable-lcd-text',
  '--force-color-profile=srgb',
];

export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') return configured;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'Chromium is not installed: run `bash scripts/ensure-system-packages.sh` as root (npm test does), or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** A headless Chromium; each test opens its own context (cookies, storage, service workers). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: FLAGS });
}
