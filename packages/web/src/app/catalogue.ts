import type { ApiClient } from './api/api-client.js';
import type { Connection, ProviderEntry, Rule } from './api/types.js';

/** What most screens need together: the server's catalogue and the person's connections and rules. */
export interface Account {
  readonly providers: readonly ProviderEntry[];
  readonly connections: readonly Connection[];
  readonly rules: readonly Rule[];
}

export async function loadAccount(api: ApiClient): Promise<Account> {
  const [providers, connections, rules] = await Promise.all([
    api.get<{ providers: ProviderEntry[] }>('/v1/providers'),
    api.get<{ connections: Connection[] }>('/v1/connections'),
    api.get<{ rules: Rule[] }>('/v1/rules'),
  ]);
  return { providers: providers.providers, connections: connections.connections, rules: rules.rules };
}

export function providerName(account: Pick<Account, 'providers'>, providerId: string): string {
  return account.providers.find((p) => p.id === providerId)?.displayName ?? providerId;
}

export function connectionName(account: Account, connectionId: string): string {
  const connection = account.connections.find((c) => c.id === connectionId);
  return connection === undefined ? 'A removed connection' : providerName(account, connection.provider);
}

/** "Polar → Strava" */
export function ruleName(account: Account, rule: Rule): string {
  return `${connectionName(account, rule.sourceConnectionId)} → ${connectionName(account, rule.destinationConnectionId)}`;
}

/** Sends the browser to the provider's consent page; it comes back to /connections. */
export async function startConnecting(api: ApiClient, providerId: string): Promise<void> {
  const { authorizeUrl } = await api.post<{ authorizeUrl: string }>('/v1/connections', {
    provider: providerId,
  });
  window.location.assign(authorizeUrl);
}
