/** Where a connection string points, without its password: safe for errors and logs. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** `host:port/database`, how error messages name the server. */
  readonly label: string;
}

/**
 * Reads host, port, database and user from a `postgres://` URL. Anything else (a key=value
 * string, a socket path) is named only as "(unparsed connection string)": we never echo the
 * input, because it may carry the password.
 */
export function describePostgresTarget(connectionString: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    const unparsed = '(unparsed connection string)';
    return { host: unparsed, port: 5432, database: '', user: '', label: unparsed };
  }
  const host = decodeURIComponent(url.hostname) || 'localhost';
  const port = url.port === '' ? 5432 : Number(url.port);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username);
  return {
    host,
    port,
    database,
    user: decodeURIComponent(url.username),
    label: `${host}:${port}/${database}`,
  };
}

/** Removes every occurrence of the connection string's password from a text. */
export function redactPassword(text: string, connectionString: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(connectionString).password);
  } catch {
    // Unparsed strings: hide the whole connection string wherever it appears.
    return connectionString === '' ? text : text.split(connectionString).join('[redacted]');
  }
  return password === '' ? text : text.split(password).join('[redacted]');
}
