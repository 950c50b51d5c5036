import type { Logger } from 'pino';
import { encodeRacpRequest } from '../encoders/index.js';
import { CHARACTERISTIC, SERVICE } from '../drivers/sig-services.js';
import type { Clock } from '../../../core/clock.js';
import type { GlucoseSequences } from './glucose-sequences.js';
import { GattError, type GattOperations } from './gatt-operations.js';
import type { GattSession } from './gatt-session.js';

const RACP_RESPONSE = 0x06;
const RACP_REPORT_RECORDS = 0x01;
const SUCCESS = 0x01;
const NO_RECORDS = 0x06;

/** The request for records after `last`: all of them the first time (docs/protocols.md §1.11). */
export function racpRequestAfter(last: number | undefined): Uint8Array {
  if (last === undefined) return encodeRacpRequest({ opCode: RACP_REPORT_RECORDS, operator: 1 });
  return encodeRacpRequest({ opCode: RACP_REPORT_RECORDS, operator: 3, filter: { filterType: 1, values: [(last + 1) & 0xffff] } });
}

/** The sequence number of a Glucose Measurement (0x2A18): uint16 after the flags. */
export function glucoseSequenceNumber(bytes: Uint8Array): number | undefined {
  return bytes.length >= 3 ? (bytes[1] ?? 0) | ((bytes[2] ?? 0) << 8) : undefined;
}

export interface GlucoseDownloadContext {
  readonly deviceId: string;
  readonly session: GattSession;
  readonly ops: GattOperations;
  readonly sequences: GlucoseSequences;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Downloads the records a meter stored since the last download. The measurements themselves
 * arrive on the session's 0x2A18 stream; this asks for them, notes the highest sequence number
 * and persists it only when the meter reports the transfer complete, so a dropped link means the
 * same records are asked for again (and the gate's de-duplication absorbs any re-sent).
 */
export async function downloadGlucoseRecords(context: GlucoseDownloadContext): Promise<{ records: number; lastSequence: number | undefined }> {
  const { session, ops, sequences, deviceId } = context;
  const last = sequences.last(deviceId);
  let highest = last;
  let records = 0;
  const measurement = session.gatt.find(SERVICE.glucose, CHARACTERISTIC.glucoseMeasurement);
  if (measurement === undefined) throw new GattError('the meter has no Glucose Measurement characteristic');
  const onMeasurement = (data: Buffer, isNotification: boolean): void => {
    const sequence = isNotification ? glucoseSequenceNumber(new Uint8Array(data)) : undefined;
    if (sequence === undefined) return;
    records++;
    highest = highest === undefined ? sequence : Math.max(highest, sequence);
  };
  measurement.on('data', onMeasurement);
  try {
    const response = ops.withDeadline<number>('record download', (done) => {
      session
        .listen(SERVICE.glucose, CHARACTERISTIC.recordAccessControlPoint, (bytes) => {
          if (bytes[0] === RACP_RESPONSE && bytes[2] === RACP_REPORT_RECORDS) done(null, bytes[3] ?? 0);
        })
        .then((controlPoint) => ops.write(controlPoint, racpRequestAfter(last)))
        .catch((error: unknown) => done(error));
    });
    const code = await response;
    if (code !== SUCCESS && code !== NO_RECORDS) throw new GattError(`the meter refused the record request (response code ${code})`);
    if (highest !== undefined && highest !== last) sequences.save(deviceId, highest, context.clock.now());
    context.logger.info({ deviceId, records, fromSequence: last === undefined ? 'all' : last + 1 }, 'glucose records downloaded');
    return { records, lastSequence: highest };
  } finally {
    measurement.removeListener('data', onMeasurement);
  }
}
