import { bleFormats } from './ble/formats.js';
import type { FormatDecoder } from './format.js';
import { serialFormats } from './serial/formats.js';

const all: readonly FormatDecoder[] = [...bleFormats, ...serialFormats];

export const formatDecoders: ReadonlyMap<string, FormatDecoder> = new Map(all.map((f) => [f.id, f]));

export function findFormat(id: string): FormatDecoder | undefined {
  return formatDecoders.get(id.toLowerCase());
}
