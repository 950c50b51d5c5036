/**
 * What a hub uploads for research: one batch of per-person, per-metric, per-day aggregates, already
 * anonymised and noised on the hub. Nothing here names a person, a device, a place or a time finer
 * than a day; `pid` is a pseudonym that changes every period.
 */
export interface AggregateCell {
  /** Pseudonymous contributor id for this period (32 hex digits). */
  readonly pid: string;
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  /** Ten-year band ("30-39"), "90+" for everyone past 89 (Safe Harbor), or "unknown". */
  readonly age: string;
  readonly metric: string;
  /** Noised number of readings. */
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Standard deviation of the day's readings (noised). */
  readonly sd: number;
}

export interface AggregateBatch {
  readonly v: 1;
  /** Random id chosen by the hub when the batch is made; a re-sent batch keeps it. */
  readonly batchId: string;
  readonly cells: readonly AggregateCell[];
}

export const AGE_BANDS = ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+', 'unknown'] as const;

export const MAX_CELLS_PER_BATCH = 5000;

const finite = { type: 'number' } as const;

/** JSON schema of a batch: strict, so that nothing the protocol does not name can ride along. */
export const aggregateBatchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['v', 'batchId', 'cells'],
  properties: {
    v: { const: 1 },
    batchId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    cells: {
      type: 'array',
      maxItems: MAX_CELLS_PER_BATCH,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['pid', 'day', 'age', 'metric', 'n', 'mean', 'min', 'max', 'sd'],
        properties: {
          pid: { type: 'string', pattern: '^[0-9a-f]{32}$' },
          day: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
          age: { type: 'string', enum: AGE_BANDS },
          metric: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
          n: finite,
          mean: finite,
          min: finite,
          max: finite,
          sd: finite,
        },
      },
    },
  },
} as const;
