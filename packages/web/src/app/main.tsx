import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client.js';
import { Session } from './api/session.js';
import { App } from './app.js';

const session = new Session();
const api = new ApiClient(session);
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App api={api} session={session} />
  </StrictMode>,
);

// The service worker precaches the shell only (vite.config.ts): the app opens offline, its
// data never comes from a cache.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
