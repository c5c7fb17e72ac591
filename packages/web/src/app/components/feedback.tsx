import type { ReactNode } from 'react';
import { errorMessage } from '../text/error-messages.js';

/** An error the person must read: announced at once by screen readers. */
export function ErrorNotice({ error, children }: { error?: unknown; children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      {children ?? errorMessage(error)}
    </div>
  );
}

/** News that is not urgent (saved, connected): announced politely. */
export function InfoNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-info" role="status">
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}
