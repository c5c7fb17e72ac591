import { useState, type SyntheticEvent } from 'react';
import { useServices } from '../app-context.js';
import type { User } from '../api/types.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Field } from '../components/field.js';
import { Page } from '../components/page.js';
import { navigate } from '../router.js';
import { useResource } from '../use-resource.js';

/** Where the app goes once the account is gone; the log-in page says what happened. */
export const DELETED_PATH = '/login?deleted=1';

/**
 * Journey 9 (deletion; export comes later): who is signed in, and deleting the account for
 * good. The person types their email to confirm, so one slip of a finger cannot do it.
 */
export function AccountScreen() {
  const { api, session } = useServices();
  const [me] = useResource('me', () => api.get<{ user: User }>('/v1/users/me').then((r) => r.user));
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (me.state !== 'ready') {
    return (
      <Page title="Account">
        {me.state === 'failed' ? <ErrorNotice error={me.error} /> : <Loading what="your account" />}
      </Page>
    );
  }
  const email = me.value.email;
  const confirmed = typed.trim().toLowerCase() === email.toLowerCase();
  const remove = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      await api.delete('/v1/users/me');
    } catch (caught) {
      setError(caught);
      setBusy(false);
      return;
    }
    // The account is gone: end the session here too (first, or the log-in page would send a
    // still signed-in app back home), then say so on the log-in page.
    await session.logOut().catch(() => undefined);
    navigate(DELETED_PATH, { replace: true });
  };

  return (
    <Page title="Account">
      <dl className="facts">
        <dt>Email</dt>
        <dd>{email}</dd>
      </dl>
      <section className="card danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete my account</h2>
        <p>
          This disconnects every provider (SyncWell gives its access back to each of them) and deletes your
          connections, rules, sync history, conflicts and notifications from SyncWell. Your data at the
          providers stays where it is. This cannot be undone.
        </p>
        {error === null ? null : <ErrorNotice error={error} />}
        <form className="form" onSubmit={(event) => void remove(event)}>
          <Field
            label="Type your email to confirm"
            hint={email}
            type="email"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button-danger" disabled={!confirmed || busy}>
              Delete my account and everything in it
            </button>
          </div>
        </form>
      </section>
    </Page>
  );
}
