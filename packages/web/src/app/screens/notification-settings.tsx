import { useEffect, useState, type SyntheticEvent } from 'react';
import { useServices } from '../app-context.js';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferences,
  type OutboundChannel,
  type PushTargets,
} from '../api/types.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { browserPushState, turnOffWebPush, turnOnWebPush, type BrowserPushState } from '../push/web-push.js';
import { Link } from '../router.js';
import { KIND_LABELS } from '../text/notice-words.js';
import { useResource } from '../use-resource.js';

const CHANNEL_LABELS: Readonly<Record<OutboundChannel, string>> = {
  web_push: 'Browser',
  apns: 'iPhone app',
  fcm: 'Android app',
  email: 'Email',
  webhook: 'Webhook',
};

interface Settings {
  readonly preferences: NotificationPreferences;
  readonly targets: PushTargets;
}

/** The zones the browser knows, with the reader's own first in line when it is missing (e.g. "UTC"). */
function timeZones(own: string): readonly string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(own) ? known : [own, ...known];
}

/**
 * Journey 7: what reaches the person where (every kind × every channel this server has, on
 * unless switched off), quiet hours in their own zone, and Web Push in this browser.
 */
export function NotificationSettingsScreen() {
  const { api } = useServices();
  const [settings] = useResource<Settings>('notification-settings', async () => {
    const [{ preferences }, targets] = await Promise.all([
      api.get<{ preferences: NotificationPreferences }>('/v1/notification-preferences'),
      api.get<PushTargets>('/v1/push-subscriptions'),
    ]);
    return { preferences, targets };
  });
  if (settings.state !== 'ready') {
    return (
      <Page title="Notification settings">
        {settings.state === 'failed' ? (
          <ErrorNotice error={settings.error} />
        ) : (
          <Loading what="your notification settings" />
        )}
      </Page>
    );
  }
  return (
    <Page title="Notification settings">
      <p className="lead">
        Every notice lands in your <Link to="/notifications">inbox</Link>. Here you choose where else it
        reaches you.
      </p>
      <BrowserPushCard vapidPublicKey={settings.value.targets.vapidPublicKey} />
      <PreferencesForm initial={settings.value.preferences} channels={settings.value.targets.channels} />
    </Page>
  );
}

function BrowserPushCard({ vapidPublicKey }: { vapidPublicKey: string | null }) {
  const { api } = useServices();
  const [state, setState] = useState<BrowserPushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    void browserPushState().then(setState, () => setState('unsupported'));
  }, []);

  const change = async (on: boolean) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (on && vapidPublicKey !== null) await turnOnWebPush(api, vapidPublicKey);
      if (!on) await turnOffWebPush(api);
      setDone(on ? 'This browser now shows SyncWell’s notifications.' : 'This browser no longer shows them.');
    } catch (caught) {
      setError(caught);
    } finally {
      setState(await browserPushState().catch(() => 'unsupported' as const));
      setBusy(false);
    }
  };

  let text: string;
  if (vapidPublicKey === null) text = 'This SyncWell server does not send browser notifications.';
  else if (state === 'unsupported') text = 'This browser cannot show notifications from a web app.';
  else if (state === 'blocked')
    text =
      'Notifications are blocked for SyncWell in this browser. Allow them in the browser’s site settings.';
  else if (state === 'on') text = 'On: notices also appear as notifications in this browser.';
  else text = 'Off. Turning them on asks your browser for permission first.';

  return (
    <section className="card" aria-labelledby="browser-push-title">
      <h2 id="browser-push-title" className="h3">
        Notifications in this browser
      </h2>
      <p>{text}</p>
      {error === null ? null : (
        <ErrorNotice>{error instanceof Error ? error.message : 'That did not work.'}</ErrorNotice>
      )}
      {done === null ? null : <InfoNotice>{done}</InfoNotice>}
      {vapidPublicKey === null || state === null || state === 'unsupported' || state === 'blocked' ? null : (
        <div className="card-links">
          <button
            type="button"
            className={state === 'on' ? 'button-quiet' : 'button'}
            disabled={busy}
            onClick={() => void change(state !== 'on')}
          >
            {state === 'on' ? 'Turn off in this browser' : 'Turn on in this browser'}
          </button>
        </div>
      )}
    </section>
  );
}

function PreferencesForm({
  initial,
  channels,
}: {
  initial: NotificationPreferences;
  channels: readonly OutboundChannel[];
}) {
  const { api } = useServices();
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [off, setOff] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        Object.entries(initial.kinds).flatMap(([kind, byChannel]) =>
          Object.entries(byChannel)
            .filter(([, on]) => !on)
            .map(([channel]) => `${kind}/${channel}`),
        ),
      ),
  );
  const [quiet, setQuiet] = useState(initial.quietHours !== null);
  const [start, setStart] = useState(initial.quietHours?.start ?? '22:00');
  const [end, setEnd] = useState(initial.quietHours?.end ?? '07:00');
  const [zone, setZone] = useState(initial.quietHours?.timeZone ?? ownZone);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const toggle = (kind: NotificationKind, channel: OutboundChannel, on: boolean) => {
    const next = new Set(off);
    if (on) next.delete(`${kind}/${channel}`);
    else next.add(`${kind}/${channel}`);
    setOff(next);
    setSaved(false);
  };

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const kinds: Record<string, Record<string, boolean>> = {};
    for (const key of off) {
      const [kind = '', channel = ''] = key.split('/');
      kinds[kind] = { ...kinds[kind], [channel]: false };
    }
    try {
      await api.put('/v1/notification-preferences', {
        kinds,
        quietHours: quiet ? { start, end, timeZone: zone } : null,
      });
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void save(event)}>
      <section className="card" aria-labelledby="where-title">
        <h2 id="where-title" className="h3">
          What reaches you where
        </h2>
        {channels.length === 0 ? (
          <p className="muted">This SyncWell server sends notices to your inbox only.</p>
        ) : (
          NOTIFICATION_KINDS.map((kind) => (
            <fieldset key={kind} className="field channel-choices">
              <legend>{KIND_LABELS[kind]}</legend>
              {channels.map((channel) => (
                <label key={channel} className="check">
                  <input
                    type="checkbox"
                    checked={!off.has(`${kind}/${channel}`)}
                    onChange={(event) => toggle(kind, channel, event.target.checked)}
                  />
                  {CHANNEL_LABELS[channel]}
                </label>
              ))}
            </fieldset>
          ))
        )}
      </section>
      <section className="card" aria-labelledby="quiet-title">
        <h2 id="quiet-title" className="h3">
          Quiet hours
        </h2>
        <label className="check">
          <input
            type="checkbox"
            checked={quiet}
            onChange={(event) => {
              setQuiet(event.target.checked);
              setSaved(false);
            }}
          />
          Hold notifications during quiet hours (your inbox still gets them at once)
        </label>
        <div className="quiet-hours">
          <div className="field">
            <label htmlFor="quiet-start">From</label>
            <input
              id="quiet-start"
              type="time"
              required
              disabled={!quiet}
              value={start}
              onChange={(event) => setStart(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="quiet-end">Until</label>
            <input
              id="quiet-end"
              type="time"
              required
              disabled={!quiet}
              value={end}
              onChange={(event) => setEnd(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="quiet-zone">Time zone</label>
            <select
              id="quiet-zone"
              disabled={!quiet}
              value={zone}
              onChange={(event) => setZone(event.target.value)}
            >
              {timeZones(zone).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>
      {error === null ? null : <ErrorNotice error={error} />}
      {saved ? <InfoNotice>Your notification settings are saved.</InfoNotice> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          Save settings
        </button>
      </div>
    </form>
  );
}
