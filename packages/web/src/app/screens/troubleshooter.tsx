import { useId, useState } from 'react';
import { useServices } from '../app-context.js';
import type { ApiClient } from '../api/api-client.js';
import type { Conversation, Run, SuggestedAction } from '../api/types.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { When } from '../components/when.js';
import { Link, navigate } from '../router.js';
import { useResource } from '../use-resource.js';

/** The diagnostics the service ran (its tool names), as a person would name them. */
const CHECK_WORDS: Readonly<Record<string, string>> = {
  rule_settings: 'The rule’s settings',
  connection_status: 'Your connections and their access',
  recent_runs: 'Recent syncs and their results',
  job_signal: 'Waits for rate limits and retries',
  dead_letters: 'Syncs that gave up',
  backfill_state: 'History imports',
  webhook_health: 'Notifications from the providers',
};

const EXAMPLES = [
  'My workouts are not showing up',
  'Sync is slow: data arrives hours late',
  'My history import is stuck',
];

/**
 * Journey 8: the troubleshooter. The person says what is wrong; the insights service checks the
 * real state, asks when it must (choices as buttons), and ends with a diagnosis and the steps the
 * app can take for them (reconnect, sync again, change or open the rule, resolve conflicts).
 * Each conversation has its own address, so a reload or a return from a consent page resumes it.
 */
export function TroubleshooterScreen({ conversationId }: { conversationId: string | null }) {
  return conversationId === null ? (
    <StartConversation />
  ) : (
    <ConversationView key={conversationId} id={conversationId} />
  );
}

function StartConversation() {
  const { api } = useServices();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const start = async (text: string) => {
    setBusy(true);
    setError(null);
    try {
      const { conversation } = await api.post<{ conversation: Conversation }>('/v1/insights/troubleshooter', {
        message: text,
      });
      navigate(`/insights/help/${conversation.id}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <Page title="Troubleshooter">
      <p className="lead">
        Tell SyncWell what is wrong in your own words. It looks at your connections, rules and recent syncs
        (never at your health values) and tells you what it finds.
      </p>
      {error === null ? null : <ErrorNotice error={error} />}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (message.trim() !== '') void start(message.trim());
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>What is wrong?</label>
          <textarea
            id={inputId}
            rows={3}
            maxLength={2000}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || message.trim() === ''}>
            Ask
          </button>
        </div>
      </form>
      <section aria-labelledby="examples">
        <h2 id="examples">Or start with</h2>
        <div className="form-actions">
          {EXAMPLES.map((example) => (
            <button
              key={example}
              type="button"
              className="button-quiet"
              disabled={busy}
              onClick={() => void start(example)}
            >
              {example}
            </button>
          ))}
        </div>
      </section>
      <p>
        <Link to="/insights">Your week</Link>
      </p>
    </Page>
  );
}

function ConversationView({ id }: { id: string }) {
  const { api } = useServices();
  const [loaded] = useResource(`conversation|${id}`, () =>
    api
      .get<{ conversation: Conversation }>(`/v1/insights/troubleshooter/${encodeURIComponent(id)}`)
      .then((r) => r.conversation),
  );
  const [answered, setAnswered] = useState<Conversation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const conversation = answered ?? (loaded.state === 'ready' ? loaded.value : null);
  if (conversation === null) {
    return (
      <Page title="Troubleshooter">
        {loaded.state === 'failed' ? (
          <ErrorNotice error={loaded.error} />
        ) : (
          <Loading what="the conversation" />
        )}
      </Page>
    );
  }
  const answer = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      const { conversation: next } = await api.post<{ conversation: Conversation }>(
        `/v1/insights/troubleshooter/${encodeURIComponent(id)}/answers`,
        { answer: value },
      );
      setAnswered(next);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const { question, diagnosis } = conversation;
  const checks = [...new Set(conversation.checks.map((check) => CHECK_WORDS[check] ?? check))];
  // The diagnosis card says the last assistant turn again: the transcript leaves it out.
  const turns = conversation.transcript.filter(
    (turn, index, all) =>
      !(
        diagnosis !== null &&
        index === all.length - 1 &&
        turn.role === 'assistant' &&
        turn.text === diagnosis.explanation
      ),
  );
  return (
    <Page title="Troubleshooter">
      <ol className="chat" aria-label="Conversation">
        {turns.map((turn, index) => (
          <li key={index} className={`chat-turn chat-${turn.role}`}>
            <span className="visually-hidden">{turn.role === 'user' ? 'You: ' : 'SyncWell: '}</span>
            {turn.text}
          </li>
        ))}
      </ol>
      {error === null ? null : <ErrorNotice error={error} />}
      {question === null ? null : (
        <section className="card" aria-labelledby="question" aria-live="polite">
          <h2 id="question">{question.text}</h2>
          <div className="form-actions" role="group" aria-labelledby="question">
            {question.choices.map((choice) => (
              <button
                key={choice.value}
                type="button"
                className="button-quiet"
                disabled={busy}
                onClick={() => void answer(choice.value)}
              >
                {choice.label}
              </button>
            ))}
          </div>
        </section>
      )}
      {diagnosis === null ? null : (
        <section className="card card-attention diagnosis" aria-labelledby="diagnosis" aria-live="polite">
          <h2 id="diagnosis">{diagnosis.title}</h2>
          <p>{diagnosis.explanation}</p>
          <Actions actions={diagnosis.actions} ruleId={diagnosis.ruleId} />
        </section>
      )}
      {checks.length === 0 ? null : (
        <details className="checks">
          <summary>What SyncWell checked ({checks.length})</summary>
          <ul>
            {checks.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        </details>
      )}
      <p>
        <Link to="/insights/help">Start again</Link> · <Link to="/insights">Your week</Link>
      </p>
    </Page>
  );
}

/** What pressing an action did, in words, with where to look next. */
interface Done {
  readonly text: string;
  readonly link?: { readonly to: string; readonly label: string };
}

function Actions({ actions, ruleId }: { actions: readonly SuggestedAction[]; ruleId: string | null }) {
  const { api } = useServices();
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: SuggestedAction) => {
    setBusy(true);
    setError(null);
    try {
      const result = await perform(api, action);
      if (result !== null) setDone(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="form-actions" role="group" aria-label="What you can do">
        {actions.map((action) =>
          action.kind === 'wait_until' ? (
            <p key={action.label} className="muted">
              {action.label}
              {action.until === undefined ? null : (
                <>
                  {' '}
                  (<When at={action.until} prefix="until" />)
                </>
              )}
            </p>
          ) : (
            <button
              key={action.label}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void run(action)}
            >
              {action.label}
            </button>
          ),
        )}
        {ruleId === null ? null : (
          <Link to={`/rules/${ruleId}`} className="button-quiet">
            Open the rule
          </Link>
        )}
      </div>
      {done === null ? null : (
        <InfoNotice>
          {done.text} {done.link === undefined ? null : <Link to={done.link.to}>{done.link.label}</Link>}
        </InfoNotice>
      )}
      {error === null ? null : <ErrorNotice error={error} />}
    </>
  );
}

/**
 * Carries out an action with the person's own token: the troubleshooter only names public API
 * calls. Returns what to tell them, or null when the browser leaves (a consent page) or the app
 * moves to another screen.
 */
async function perform(api: ApiClient, action: SuggestedAction): Promise<Done | null> {
  const request = action.request;
  const ruleFromPath = request?.path.match(/^\/v1\/rules\/([^/?]+)/)?.[1];
  switch (action.kind) {
    case 'reconnect': {
      const { authorizeUrl } = await api.post<{ authorizeUrl: string }>(
        request?.path ?? '/v1/connections',
        request?.body,
      );
      window.location.assign(authorizeUrl);
      return null;
    }
    case 'rerun': {
      const { run } = await api.post<{ run: Run }>(request?.path ?? '');
      return { text: 'Sync started.', link: { to: `/runs/${run.id}`, label: 'Follow it' } };
    }
    case 'change_rule':
      await api.patch(request?.path ?? '', request?.body ?? {});
      return { text: 'Rule changed.', link: { to: `/rules/${ruleFromPath ?? ''}`, label: 'Open the rule' } };
    case 'restart_backfill':
      navigate(`/rules/${ruleFromPath ?? ''}/backfill`);
      return null;
    case 'resolve_conflicts':
      navigate('/conflicts');
      return null;
    case 'open_run':
      navigate((request?.path ?? '/v1/runs').replace(/^\/v1/, ''));
      return null;
    case 'wait_until':
      return null;
  }
}
