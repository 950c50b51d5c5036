/** A config problem, naming the key and the reason. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`config: ${key} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Several problems at once, so that a user fixes the file in one go. */
export class ConfigInvalidError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigError[],
  ) {
    super(`invalid config (${source}):\n${problems.map((p) => `  - ${p.key}: ${p.reason}`).join('\n')}`);
    this.name = 'ConfigInvalidError';
  }
}
