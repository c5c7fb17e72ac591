import { useState, type SyntheticEvent } from 'react';
import { useServices } from '../app-context.js';
import { ErrorNotice } from '../components/feedback.js';
import { Field } from '../components/field.js';
import { Page } from '../components/page.js';
import { Link } from '../router.js';

const MIN_PASSWORD = 10;

export function SignUpScreen() {
  const { api, session } = useServices();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);

  const emailProblem = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? null : 'Enter an email address.';
  const passwordProblem = password.length >= MIN_PASSWORD ? null : `Use at least ${MIN_PASSWORD} characters.`;

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setTried(true);
    if (emailProblem !== null || passwordProblem !== null) return;
    setBusy(true);
    setError(null);
    try {
      await api.post('/v1/users', { email: email.trim(), password });
      await session.logIn(email.trim(), password);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Page title="Create your account">
      <p className="lead">
        Connect the apps you already use and SyncWell keeps their data in step. It never stores your health
        values.
      </p>
      {error === null ? null : <ErrorNotice error={error} />}
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          error={tried ? emailProblem : null}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={`At least ${MIN_PASSWORD} characters.`}
          value={password}
          error={tried ? passwordProblem : null}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className="aside">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </Page>
  );
}
