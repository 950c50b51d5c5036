import type { FormatDecoder } from '../format.js';
import { berryMedBciFormat } from './berrymed-bci.js';
import { contecLegacyRecordFormat } from './contec-legacy-record.js';
import { contecLegacyFormat } from './contec-legacy.js';
import { contecV7Format } from './contec-v7.js';
import { noninDf2Format } from './nonin-df2.js';

/** Every serial wire format the hub decodes. */
export const serialFormats: readonly FormatDecoder[] = [
  contecLegacyFormat,
  contecLegacyRecordFormat,
  contecV7Format,
  noninDf2Format,
  berryMedBciFormat,
];
