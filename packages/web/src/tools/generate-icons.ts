import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../testing/chromium.js';

/**
 * Renders public/icons/icon.svg into the PNG sizes the web manifest and iOS ask for, with the
 * same Chromium the browser tests use: the icons are made here, from the SVG in the repository.
 * Run `npm run icons -w @syncwell/web` after changing the SVG, and commit the PNGs.
 */
const ICONS = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  { file: 'apple-touch-icon.png', size: 180, padding: 0 },
  // Maskable icons are cropped to a circle of 80 %: keep the mark inside the safe zone.
  { file: 'maskable-512.png', size: 512, padding: 0.1 },
] as const;

const dir = fileURLToPath(new URL('../../public/icons/', import.meta.url));
const svg = readFileSync(`${dir}icon.svg`, 'utf8');
const browser = await launchChromium();
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inset = Math.round(icon.size * icon.padding);
    await page.setContent(
      `<body style="margin:0;background:#0b5d55"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" style="display:block;margin:${inset}px;width:${icon.size - 2 * inset}px;height:${icon.size - 2 * inset}px"></body>`,
    );
    await page.screenshot({ path: `${dir}${icon.file}`, omitBackground: false });
    await page.close();
    console.log(`wrote public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
