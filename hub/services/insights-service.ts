export interface ApiInsight {
  readonly id: string;
  /** Undefined or null for household-wide insights. */
  readonly personId?: string | null;
  readonly [field: string]: unknown;
}

/** What the inference part offers the API: the insights its models raised. */
export interface InsightsView {
  list(allowedPersonIds: readonly string[] | 'all'): readonly ApiInsight[] | Promise<readonly ApiInsight[]>;
}
