import type { FastifyInstance } from 'fastify';
import type { StravaActivityRecord } from './strava-activity-model.js';
import type { StravaWorld } from './strava-world.js';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * `GET /demo/received`: a small page listing the activities this simulated Strava received
 * through uploads (what SyncWell wrote), newest first, so a person trying the demo sees the
 * workout arrive. Not part of Strava's API; the web app links to it in demo mode.
 */
export function registerStravaReceivedPage(app: FastifyInstance, world: StravaWorld): void {
  app.get('/demo/received', (_request, reply) => {
    const received = world.athletes
      .flatMap((athlete) =>
        world.activities
          .ofAthlete(athlete.id)
          .filter((activity) => activity.uploadId !== null)
          .map((activity) => ({ activity, athlete: `${athlete.firstname} ${athlete.lastname}` })),
      )
      .sort((a, b) => b.activity.id - a.activity.id);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(received));
  });
}

function page(received: readonly { activity: StravaActivityRecord; athlete: string }[]): string {
  const rows = received
    .map(
      ({ activity, athlete }) =>
        `<tr><td>${escapeHtml(activity.name)}</td><td>${escapeHtml(activity.sportType)}</td><td>${new Date(activity.startDateMs).toISOString().slice(0, 16).replace('T', ' ')} UTC</td><td>${(activity.distance / 1000).toFixed(2)} km</td><td>${escapeHtml(athlete)}</td><td>${escapeHtml(activity.externalId ?? '')}</td></tr>`,
    )
    .join('\n');
  const body =
    received.length === 0
      ? '<p>Nothing received yet. Sync a rule into Strava and reload this page.</p>'
      : `<table><caption>${received.length} received, newest first</caption><thead><tr><th scope="col">Name</th><th scope="col">Sport</th><th scope="col">Start</th><th scope="col">Distance</th><th scope="col">Athlete</th><th scope="col">Upload external id</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Received uploads | Strava (simulated)</title></head>
<body>
<main>
<h1>What the Strava simulator received</h1>
${body}
</main>
</body>
</html>
`;
}
