export interface ApiInsight {
  readonly id: string;
  /** Undefined or null for household-wide insights. */
  readonly personId?: string | null;
  readonly [field: string]: unknown;
}

/** A derived metric a running model writes, and what one of its values is computed from. */
export interface ModelOutputBasis {
  readonly metric: string;
  readonly model: string;
  /** A phrase: "the intervals between 60 heartbeats". */
  readonly reads: string;
  /** Where the model calls it (an AF probability of 0.5); null for a model without such a line. */
  readonly threshold: number | null;
}

/** What the inference part offers the API: the insights its models raised, and what its models write. */
export interface InsightsView {
  list(allowedPersonIds: readonly string[] | 'all'): readonly ApiInsight[] | Promise<readonly ApiInsight[]>;
  outputs(): readonly ModelOutputBasis[];
}
