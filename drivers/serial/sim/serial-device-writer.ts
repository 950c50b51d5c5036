import { open, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';

/**
 * The device end of a serial line (a pty's other side, a USB gadget port): writes a simulated
 * oximeter's bytes chunk by chunk, with a pause between writes so the reader sees them apart.
 */
export class SerialDeviceWriter {
  private handle: FileHandle | undefined;

  constructor(
    private readonly path: string,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async open(): Promise<void> {
    this.handle = await open(this.path, constants.O_RDWR | constants.O_NOCTTY);
  }

  async write(chunks: readonly Uint8Array[], pauseEveryChunks = 16, pauseMs = 1): Promise<void> {
    const handle = this.handle;
    if (handle === undefined) throw new Error(`${this.path} is not open`);
    let count = 0;
    for (const chunk of chunks) {
      await handle.write(chunk);
      count += 1;
      if (count % pauseEveryChunks === 0) await this.pause(pauseMs);
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
