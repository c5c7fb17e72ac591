import { useState, type SyntheticEvent } from 'react';
import { useServices } from '../app-context.js';
import { ErrorNotice, InfoNotice } from '../components/feedback.js';
import { Field } from '../components/field.js';
import { Page } from '../components/page.js';
import { Link } from '../router.js';

export function LogInScreen({ notice }: { notice: string | null }) {
  const { session } = useServices();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.logIn(email.trim(), password);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Page title="Log in">
      {notice === null ? null : <InfoNotice>{notice}</InfoNotice>}
      {error === null ? null : <ErrorNotice error={error} />}
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="aside">
        New to SyncWell? <Link to="/signup">Create an account</Link>
      </p>
    </Page>
  );
}
