/**
 * What a person types into the food search, as an FTS5 query: each word a prefix ("ban raw" finds
 * "Bananas, raw"), accents and punctuation dropped. Only letters and digits reach the query, so no
 * input can make it a syntax error.
 */
export const MAX_QUERY_WORDS = 8;
export const MAX_QUERY_LENGTH = 100;

export function foodSearchWords(typed: string): string[] {
  return typed
    .slice(0, MAX_QUERY_LENGTH)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_QUERY_WORDS);
}

/** The FTS5 MATCH expression, or undefined when nothing searchable was typed. */
export function ftsQuery(typed: string): string | undefined {
  const words = foodSearchWords(typed);
  return words.length === 0 ? undefined : words.map((word) => `"${word}"*`).join(' ');
}
