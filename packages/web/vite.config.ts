import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Paths the service worker must never answer from its cache: the API (health values and tokens
 * live there), its docs and the operational endpoints. Only the app shell is precached.
 */
export const NETWORK_ONLY_PATHS = [/^\/v1\//, /^\/docs/, /^\/(health|ready|metrics)$/];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
  plugins: [
    react(),
    VitePWA({
      // main.tsx registers the worker from an external file: no inline script (CSP).
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'SyncWell',
        short_name: 'SyncWell',
        description: 'Keep your health and fitness data in step across the platforms you use.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f8f7',
        theme_color: '#0b5d55',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,png,svg}'],
        // Web Push: shows SyncWell's notices and opens the app at their link (public/push-sw.js).
        importScripts: ['/push-sw.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: NETWORK_ONLY_PATHS,
        // No runtime caching at all: every request that is not part of the shell goes to the network.
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // A new shell takes over at once, and the first visit is already served offline-ready.
        skipWaiting: true,
        clientsClaim: true,
      },
    }),
  ],
});
