import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxNotifier } from '../../notifications/inbox/inbox-notifier.js';
import {
  connect,
  createApiHarness,
  signUpAndLogIn,
  type ApiHarness,
  type SignedInUser,
} from '../api-test-harness.js';

let h: ApiHarness;
let alice: SignedInUser;
let mallory: SignedInUser;
let aliceStrava: string;
let alicePolar: string;
beforeAll(async () => {
  h = await createApiHarness();
  alice = await signUpAndLogIn(h.app, 'alice-n@example.org');
  mallory = await signUpAndLogIn(h.app, 'mallory-n@example.org');
  aliceStrava = await connect(h.app, alice, 'strava', 'alice-n-strava');
  alicePolar = await connect(h.app, alice, 'polar', 'alice-n-polar');
});
afterAll(async () => {
  await h.close();
});

const list = (user: SignedInUser, query = '') =>
  h.app.inject({ method: 'GET', url: `/v1/notifications${query}`, headers: user.auth });

describe('notifications inbox', () => {
  it('lists only the caller’s notifications, newest first, deduped per connection and kind', async () => {
    const notifier = createInboxNotifier(h.store);
    const userId = (await h.store.getConnection(aliceStrava))?.userId ?? '';
    const reauth = {
      userId,
      kind: 'connection_needs_reauth' as const,
      code: 'SW_PROVIDER_AUTH_REVOKED' as const,
    };
    await notifier.notify({ ...reauth, connectionId: aliceStrava });
    await notifier.notify({ ...reauth, connectionId: aliceStrava }); // a repeat: no second row
    await new Promise((resolve) => setTimeout(resolve, 3));
    await notifier.notify({ ...reauth, connectionId: alicePolar, kind: 'connection_exhausted' });

    const res = await list(alice);
    expect(res.statusCode).toBe(200);
    const { notifications } = res.json<{ notifications: { kind: string; connectionId: string }[] }>();
    expect(notifications.map((n) => [n.kind, n.connectionId])).toEqual([
      ['connection_exhausted', alicePolar],
      ['connection_needs_reauth', aliceStrava],
    ]);
    expect(res.body).not.toMatch(/token|sealed/i);
    expect((await list(mallory)).json()).toEqual({ notifications: [] });
  });

  it('marks read with PATCH {read:true}, filters unread, and hides others’ notifications (404)', async () => {
    const all = (await list(alice)).json<{ notifications: { id: string; readAt: string | null }[] }>();
    const first = all.notifications[0];
    if (first === undefined) throw new Error('expected a notification');
    const patch = (user: SignedInUser, payload: Record<string, unknown>, id = first.id) =>
      h.app.inject({ method: 'PATCH', url: `/v1/notifications/${id}`, headers: user.auth, payload });

    expect((await patch(mallory, { read: true })).statusCode).toBe(404);
    expect((await patch(alice, { read: false })).statusCode).toBe(400);
    const marked = await patch(alice, { read: true });
    expect(marked.statusCode).toBe(200);
    expect(marked.json<{ notification: { readAt: string | null } }>().notification.readAt).not.toBeNull();
    const unread = (await list(alice, '?unread=true')).json<{ notifications: { id: string }[] }>();
    expect(unread.notifications.map((n) => n.id)).not.toContain(first.id);
    expect(unread.notifications).toHaveLength(all.notifications.length - 1);
    expect((await h.app.inject({ method: 'GET', url: '/v1/notifications' })).statusCode).toBe(401);
  });
});
