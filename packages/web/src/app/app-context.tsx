import { createContext, useContext } from 'react';
import type { ApiClient } from './api/api-client.js';
import type { Session } from './api/session.js';
import type { ServerInfo } from './api/types.js';

export interface AppServices {
  readonly api: ApiClient;
  readonly session: Session;
  readonly serverInfo: ServerInfo | null;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (services === null) throw new Error('useServices outside <AppContext.Provider>');
  return services;
}
