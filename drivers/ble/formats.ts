import type { FormatDecoder } from '../format.js';

/** Every Bluetooth wire format the hub decodes. */
export const bleFormats: readonly FormatDecoder[] = [];
