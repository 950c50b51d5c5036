import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

const CHUNK_CHARS = 64 * 1024;

/**
 * Text pieces from a synchronous generator as a byte stream, in chunks of about 64 KiB, yielding
 * to the event loop between chunks so a year of readings does not stall the live dashboard.
 */
export function streamText(pieces: Iterable<string>): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let buffer = '';
    for (const piece of pieces) {
      buffer += piece;
      if (buffer.length >= CHUNK_CHARS) {
        yield Buffer.from(buffer);
        buffer = '';
        await nextTurn();
      }
    }
    if (buffer.length > 0) yield Buffer.from(buffer);
  }
  return Readable.from(chunks(), { objectMode: false });
}
