import { useState } from 'react';
import { useServices } from '../app-context.js';
import type { Connection } from '../api/types.js';
import { loadAccount, providerName, startConnecting, type Account } from '../catalogue.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { ConnectionBadge } from '../components/status-badge.js';
import { When } from '../components/when.js';
import { useResource } from '../use-resource.js';
import { ProviderFacts } from './provider-card.js';

const RETURN_ERRORS: Readonly<Record<string, string>> = {
  SW_OAUTH_DENIED: 'You did not allow access, so nothing was connected.',
  SW_OAUTH_STATE_INVALID: 'That connection attempt had expired or was already used. Please start again.',
  SW_OAUTH_EXCHANGE_FAILED: 'The provider did not complete the connection. Please try again.',
};

/** Journey 2: the catalogue, the round trip through the provider's consent page, the result. */
export function ConnectionsScreen({ query }: { query: URLSearchParams }) {
  const { api } = useServices();
  const [account, reload] = useResource('account', () => loadAccount(api));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const connect = async (providerId: string) => {
    setBusy(providerId);
    setError(null);
    try {
      await startConnecting(api, providerId);
    } catch (caught) {
      setError(caught);
      setBusy(null);
    }
  };
  const disconnect = async (connection: Connection, name: string) => {
    if (!window.confirm(`Disconnect ${name}? Rules that use it stop syncing.`)) return;
    setBusy(connection.id);
    try {
      await api.delete(`/v1/connections/${connection.id}`);
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title="Connections">
      <ReturnNotice query={query} account={account.state === 'ready' ? account.value : null} />
      {error === null ? null : <ErrorNotice error={error} />}
      {account.state === 'loading' ? <Loading what="your connections" /> : null}
      {account.state === 'failed' ? <ErrorNotice error={account.error} /> : null}
      {account.state === 'ready' ? (
        <ConnectionLists
          account={account.value}
          busy={busy}
          onConnect={(id) => void connect(id)}
          onDisconnect={(connection, name) => void disconnect(connection, name)}
        />
      ) : null}
    </Page>
  );
}

function ReturnNotice({ query, account }: { query: URLSearchParams; account: Account | null }) {
  const connected = query.get('connected');
  const failed = query.get('error');
  const provider = query.get('provider') ?? connected ?? '';
  const name = account === null ? provider : providerName(account, provider);
  if (connected !== null) return <InfoNotice>{name} is connected.</InfoNotice>;
  if (failed !== null) {
    return (
      <ErrorNotice>
        {name} was not connected. {RETURN_ERRORS[failed] ?? `The provider answered ${failed}.`}
      </ErrorNotice>
    );
  }
  return null;
}

function ConnectionLists({
  account,
  busy,
  onConnect,
  onDisconnect,
}: {
  account: Account;
  busy: string | null;
  onConnect: (providerId: string) => void;
  onDisconnect: (connection: Connection, name: string) => void;
}) {
  const needing = account.connections.filter((c) => c.status !== 'active');
  const fine = account.connections.filter((c) => c.status === 'active');
  const connectedProviders = new Set(account.connections.map((c) => c.provider));
  const available = account.providers.filter((p) => !connectedProviders.has(p.id));
  return (
    <>
      {needing.length === 0 ? null : (
        <section aria-labelledby="needs-you">
          <h2 id="needs-you">Needs you</h2>
          <ul className="cards">
            {needing.map((connection) => {
              const name = providerName(account, connection.provider);
              return (
                <li key={connection.id} className="card card-attention">
                  <div className="card-head">
                    <h3>{name}</h3>
                    <ConnectionBadge status={connection.status} />
                  </div>
                  <p>{attentionWords(connection, name)}</p>
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() => onConnect(connection.provider)}
                  >
                    Reconnect {name}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-labelledby="yours">
        <h2 id="yours">Your connections</h2>
        {fine.length === 0 ? (
          <p className="muted">None yet. Add one below: you need a source to read from and a destination.</p>
        ) : (
          <ul className="cards">
            {fine.map((connection) => {
              const name = providerName(account, connection.provider);
              return (
                <li key={connection.id} className="card">
                  <div className="card-head">
                    <h3>{name}</h3>
                    <ConnectionBadge status={connection.status} />
                  </div>
                  <p className="muted">
                    <When at={connection.createdAt} prefix="Connected" />
                  </p>
                  <button
                    type="button"
                    className="button-quiet"
                    disabled={busy !== null}
                    onClick={() => onDisconnect(connection, name)}
                  >
                    Disconnect {name}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="add">
        <h2 id="add">Add a connection</h2>
        {available.length === 0 ? (
          <p className="muted">Every provider this server offers is connected.</p>
        ) : (
          <ul className="cards cards-grid">
            {available.map((provider) => (
              <li key={provider.id} className="card">
                <h3>{provider.displayName}</h3>
                <ProviderFacts provider={provider} />
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => onConnect(provider.id)}
                >
                  {busy === provider.id ? 'Opening…' : `Connect ${provider.displayName}`}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function attentionWords(connection: Connection, name: string): string {
  switch (connection.status) {
    case 'needs_reauth':
      return `${name} no longer accepts SyncWell’s access. Syncing with it has stopped until you reconnect.`;
    case 'exhausted':
      return `SyncWell could not renew its access to ${name} for several days and stopped trying. Reconnect to start again.`;
    case 'revoked':
      return `Access to ${name} was withdrawn. Reconnect to sync with it again.`;
    case 'active':
      return '';
  }
}
