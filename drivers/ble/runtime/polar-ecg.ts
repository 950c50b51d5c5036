import { POLAR_PMD } from '../drivers/sig-services.js';
import { GattError, type GattOperations } from './gatt-operations.js';
import type { GattSession } from './gatt-session.js';

/** `02 00 00 01 82 00 01 01 0E 00`: start ECG, 130 Hz, 14-bit (docs/protocols.md §3.2). */
export const START_ECG_130HZ = Uint8Array.of(0x02, 0x00, 0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00);

/** Asks a Polar H10 for its ECG stream; the frames then arrive on the session's PMD data stream. */
export async function startPolarEcg(session: GattSession, ops: GattOperations): Promise<void> {
  const status = await ops.withDeadline<number>('start ECG', (done) => {
    session
      .listen(POLAR_PMD.service, POLAR_PMD.controlPoint, (bytes) => {
        if (bytes[0] === 0xf0 && bytes[1] === 0x02) done(null, bytes[3] ?? 0xff);
      })
      .then((controlPoint) => ops.write(controlPoint, START_ECG_130HZ))
      .catch((error: unknown) => done(error));
  });
  if (status !== 0) throw new GattError(`the strap refused to start ECG (status ${status})`);
}
