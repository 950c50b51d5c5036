import Type, { type Static } from 'typebox';
import { Time } from './primitives.js';

/** The most entries one page of a history may hold. */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

/**
 * `?before=&limit=` of a history read newest first: the entries older than `before` (ms since the
 * epoch, exclusive; now when left out), at most `limit` of them. An answer's `next` is the `before`
 * of the page after it, null on the last page.
 */
export const PageQuery = Type.Object(
  // Required here because the default fills it in before the handler runs; a client may leave it out.
  { before: Type.Optional(Time), limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE }) },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;
