import { Ajv } from 'ajv';
import { aggregateBatchSchema, type AggregateBatch } from '../../cloud-relay/protocol/batch.js';

/**
 * The last look at a payload before it may leave the box: it must match the protocol's strict
 * schema and contain nothing that identifies the household (Safe Harbor identifiers the hub knows
 * of), whatever bug put it there.
 */
export interface KnownIdentifiers {
  /** People's ids and names, device ids and names. */
  readonly strings: readonly string[];
}

const PATTERNS: readonly [string, RegExp][] = [
  ['a device address', /\b[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}\b/i],
  ['an IP address', /\b(?:\d{1,3}\.){3}\d{1,3}\b/],
  ['a time of day', /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/],
  // Bounded by non-word characters: hex pseudonyms hold digit runs by chance.
  ['an exact timestamp', /(?<![\w.])1\d{12}(?![\w.])/],
];

export class PayloadRefused extends Error {
  override name = 'PayloadRefused';
}

const validate = new Ajv({ allErrors: false }).compile<AggregateBatch>(aggregateBatchSchema);

/** Throws PayloadRefused naming what was found (never the value itself, which may be personal). */
export function assertAnonymous(body: string, known: KnownIdentifiers): void {
  const parsed: unknown = JSON.parse(body);
  if (!validate(parsed)) throw new PayloadRefused('the payload does not match the batch schema');
  for (const [what, pattern] of PATTERNS) if (pattern.test(body)) throw new PayloadRefused(`the payload contains ${what}`);
  // Pseudonyms and batch ids are hex digests (checked by the schema); the words are these.
  const words = parsed.cells.flatMap((c) => [c.day, c.age, c.metric]).map((w) => w.toLowerCase());
  for (const s of known.strings) {
    const needle = s.toLowerCase();
    if (needle.length >= 2 && words.some((w) => w.includes(needle))) throw new PayloadRefused('the payload contains a name or id of the household');
  }
}
