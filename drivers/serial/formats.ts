import type { FormatDecoder } from '../format.js';

/** Every serial wire format the hub decodes. */
export const serialFormats: readonly FormatDecoder[] = [];
