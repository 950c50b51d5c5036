import type { Logger } from 'pino';

/** A token bucket: `burst` lines at once, then `perMinute` lines a minute. */
export interface LogRate {
  readonly burst: number;
  readonly perMinute: number;
}

export interface LogLimits {
  /** For each source key (a device, a credential, an address). */
  readonly perSource: LogRate;
  /** For all sources together, so that a client that keeps changing its key is bounded too. */
  readonly overall: LogRate;
  /** Source keys remembered; the least recently heard is forgotten first. */
  readonly maxSources: number;
}

/**
 * Lines that come from outside (a device, a client on the LAN): a few at once and a few a minute per
 * source, then a summary. A broken or hostile sender cannot fill an SD card with its refusals.
 */
export const OUTSIDE_LOG_LIMITS: LogLimits = {
  perSource: { burst: 5, perMinute: 6 },
  overall: { burst: 100, perMinute: 120 },
  maxSources: 2000,
};

const MINUTE = 60_000;
const MAX_KEY_LENGTH = 200;
/** Quiet sources whose lines were held back get their summary at most this often. */
const SUMMARY_EVERY_MS = MINUTE;

class Bucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: LogRate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  take(now: number): boolean {
    // A clock set backwards refills nothing, and never takes tokens away.
    const elapsed = Math.max(0, now - this.at);
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed * this.rate.perMinute) / MINUTE);
    this.at = Math.max(this.at, now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface Source {
  readonly bucket: Bucket;
  suppressed: number;
  /** The message of the lines held back, for the summary. */
  message: string;
  level: LogLevelName;
}

export type LogLevelName = 'error' | 'warn' | 'info' | 'debug';

/**
 * A logger for lines that outsiders can cause: each source key has its own small token bucket and
 * all of them share one, so neither one sender nor many can flood the log. Lines held back are
 * counted and said in one summary line ("N more suppressed") when the source may write again, or
 * when `flush` is called (the owner calls it when it stops).
 */
export class RateLimitedLog {
  private readonly sources = new Map<string, Source>();
  private readonly overall: Bucket;
  /** Lines held back by the overall bucket, or of sources forgotten before their summary. */
  private unattributed = 0;
  private lastSummary: number;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly limits: LogLimits = OUTSIDE_LOG_LIMITS,
  ) {
    this.overall = new Bucket(limits.overall, now());
    this.lastSummary = now();
  }

  error(source: string, fields: Record<string, unknown>, message: string): void {
    this.write('error', source, fields, message);
  }

  warn(source: string, fields: Record<string, unknown>, message: string): void {
    this.write('warn', source, fields, message);
  }

  info(source: string, fields: Record<string, unknown>, message: string): void {
    this.write('info', source, fields, message);
  }

  /** Writes the summaries still owed: for every source with lines held back, and for the rest. */
  flush(): void {
    for (const [key, source] of this.sources) this.summarise(key, source);
    if (this.unattributed > 0) {
      this.logger.warn({ suppressed: this.unattributed }, `${this.unattributed} more log lines from outside suppressed`);
      this.unattributed = 0;
    }
    this.lastSummary = this.now();
  }

  private write(level: LogLevelName, sourceKey: string, fields: Record<string, unknown>, message: string): void {
    if (!this.logger.isLevelEnabled(level)) return;
    // A key may come from the wire (a client id, a username): bounded before it is kept or logged.
    const key = sourceKey.length > MAX_KEY_LENGTH ? sourceKey.slice(0, MAX_KEY_LENGTH) : sourceKey;
    const now = this.now();
    const source = this.source(key, now);
    if (!source.bucket.take(now)) {
      this.holdBack(source, level, message);
      return;
    }
    if (!this.overall.take(now)) {
      // Not this source's fault alone: refund nothing, count it with the others.
      this.unattributed++;
      return;
    }
    this.summarise(key, source);
    this.logger[level]({ source: key, ...fields }, message);
    if (now - this.lastSummary >= SUMMARY_EVERY_MS) this.flush();
  }

  private holdBack(source: Source, level: LogLevelName, message: string): void {
    source.suppressed++;
    source.message = message;
    source.level = level;
    if (this.now() - this.lastSummary >= SUMMARY_EVERY_MS) this.flush();
  }

  private summarise(key: string, source: Source): void {
    if (source.suppressed === 0) return;
    this.logger[source.level]({ source: key, suppressed: source.suppressed }, `${source.message}: ${source.suppressed} more suppressed`);
    source.suppressed = 0;
  }

  private source(key: string, now: number): Source {
    const known = this.sources.get(key);
    if (known !== undefined) {
      // Most recently heard last, so the first is the one to forget.
      this.sources.delete(key);
      this.sources.set(key, known);
      return known;
    }
    if (this.sources.size >= this.limits.maxSources) {
      const oldest = this.sources.entries().next();
      if (oldest.done !== true) {
        this.unattributed += oldest.value[1].suppressed;
        this.sources.delete(oldest.value[0]);
      }
    }
    const created: Source = { bucket: new Bucket(this.limits.perSource, now), suppressed: 0, message: '', level: 'info' };
    this.sources.set(key, created);
    return created;
  }
}
