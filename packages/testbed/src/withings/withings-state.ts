import { FaultController } from '../faults/fault-controller.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import type { WithingsRateLimiter } from './withings-rate-limiter.js';
import { WithingsTokens } from './withings-tokens.js';

export interface WithingsUser {
  readonly userid: number;
  readonly name: string;
  /** IANA zone name, as Withings reports it next to epoch seconds. */
  readonly timezone: string;
  readonly synthetic: SyntheticAthlete;
}

export interface StoredMeasureGroup {
  readonly userid: number;
  readonly grpid: number;
  readonly attrib: number;
  readonly date: number;
  readonly created: number;
  modified: number;
  /** 1 real measurement, 2 user objective. */
  readonly category: number;
  readonly deviceid: string | null;
  readonly measures: readonly { value: number; type: number; unit: number; algo: number; fm: number }[];
}

export interface StoredActivity {
  readonly userid: number;
  readonly date: string;
  readonly timezone: string;
  modified: number;
  readonly deviceid: string;
  readonly fields: Readonly<Record<string, number>>;
}

export interface StoredSleep {
  readonly userid: number;
  readonly id: number;
  readonly timezone: string;
  readonly startdate: number;
  readonly enddate: number;
  /** The local date the night ends on. */
  readonly date: string;
  modified: number;
  readonly data: Readonly<Record<string, number>>;
  readonly states: readonly { startdate: number; enddate: number; state: number }[];
}

export interface StoredWorkout {
  readonly userid: number;
  readonly id: number;
  readonly category: number;
  readonly timezone: string;
  readonly startdate: number;
  readonly enddate: number;
  readonly date: string;
  modified: number;
  readonly deviceid: string;
  readonly data: Readonly<Record<string, number>>;
}

export interface NotifySubscription {
  readonly userid: number;
  appli: number;
  callbackurl: string;
  comment: string;
}

export interface NotifyDelivery {
  readonly callbackurl: string;
  readonly body: string;
  readonly attempt: number;
  /** HTTP status of the receiver, or the network error text. */
  readonly outcome: number | string;
}

export interface WithingsConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly nowMs: () => number;
  readonly pageSize: number;
  readonly notifyRetryDelaysMs: readonly number[];
  /** How many days back the synthetic intraday heart rate reaches. */
  readonly historyStartMs: number;
}

/** Everything one simulator instance holds; routes read and write it. */
export class WithingsState {
  readonly users = new Map<number, WithingsUser>();
  readonly codes = new Map<
    string,
    { userid: number; redirectUri: string; scope: string; expiresAtMs: number }
  >();
  readonly measureGroups: StoredMeasureGroup[] = [];
  readonly activities: StoredActivity[] = [];
  readonly sleeps: StoredSleep[] = [];
  readonly workouts: StoredWorkout[] = [];
  readonly subscriptions: NotifySubscription[] = [];
  readonly deliveries: NotifyDelivery[] = [];
  /** Users who unlinked our app in Health Mate: no token of theirs works any more. */
  readonly unlinked = new Set<number>();
  readonly faults: FaultController;
  readonly tokens: WithingsTokens;
  loggedIn: number;
  nextId = 1_000_000;

  constructor(
    readonly config: WithingsConfig,
    readonly limiter: WithingsRateLimiter,
    firstUser: number,
  ) {
    this.faults = new FaultController(config.nowMs);
    this.tokens = new WithingsTokens(config.nowMs);
    this.loggedIn = firstUser;
  }

  nowSeconds(): number {
    return Math.floor(this.config.nowMs() / 1000);
  }

  userOf(userid: number): WithingsUser {
    const user = this.users.get(userid);
    if (user === undefined) throw new RangeError(`no Withings user ${userid}`);
    return user;
  }
}
