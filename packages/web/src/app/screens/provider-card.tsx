import type { ProviderEntry } from '../api/types.js';
import { dataTypeList } from '../text/data-types.js';

const PUSH_WORDS: Readonly<Record<ProviderEntry['push'], string>> = {
  webhook: 'New data arrives as soon as it tells SyncWell',
  ping: 'New data arrives as soon as it tells SyncWell',
  push: 'New data is sent to SyncWell as it happens',
  none: 'Checked for new data on your rules’ schedule',
};

/** What a provider can do, in words: what it shares, what it accepts, how fast, how far back. */
export function ProviderFacts({ provider }: { provider: ProviderEntry }) {
  return (
    <dl className="facts">
      <dt>Shares</dt>
      <dd>{provider.readable.length === 0 ? 'Nothing' : dataTypeList(provider.readable)}</dd>
      <dt>Accepts</dt>
      <dd>
        {provider.writable.length === 0
          ? 'Nothing: SyncWell can only read from it'
          : dataTypeList(provider.writable)}
      </dd>
      <dt>Updates</dt>
      <dd>{PUSH_WORDS[provider.push]}</dd>
      <dt>History</dt>
      <dd>
        {provider.backfillWindowDays === null
          ? 'As far back as it keeps'
          : `Up to ${provider.backfillWindowDays} days back`}
      </dd>
    </dl>
  );
}
