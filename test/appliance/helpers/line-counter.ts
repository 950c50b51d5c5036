import type { DestinationStream } from 'pino';

/** A log destination that keeps only counts: lines in all, and lines per message text. */
export class LineCounter implements DestinationStream {
  lines = 0;
  bytes = 0;
  readonly byMessage = new Map<string, number>();

  write(line: string): void {
    this.lines += 1;
    this.bytes += line.length;
    const msg = (JSON.parse(line) as { msg?: string }).msg ?? '';
    this.byMessage.set(msg, (this.byMessage.get(msg) ?? 0) + 1);
  }
}
