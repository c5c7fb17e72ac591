import { SyncWellError } from '@syncwell/core';

/**
 * A setting is missing or malformed. Raised once at boot; the message names the setting and
 * never echoes its value, because secrets (client secrets, the master key) pass through here.
 */
export class ConfigError extends SyncWellError {
  readonly setting: string;

  constructor(setting: string, problem: string) {
    super('SW_CONFIG_INVALID', `Invalid configuration: ${setting} ${problem}`, { setting });
    this.setting = setting;
  }
}
