import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import t from 'tap';
import { isMetricId, metricDefinition, type MetricId } from '../../../core/metrics.js';
import { decodeFloat, decodeSfloat } from '../../../drivers/ble/codec/ieee11073.js';
import { cliMain, vectorsFile } from './shared-paths.js';

/**
 * Every vector of the shared device file whose format is a Bluetooth one runs through the real
 * CLI; each expected field must come back as sent, and the readings must be exactly the ones
 * derived here, independently, from those fields (canonical units, plausibility, device status).
 */

interface Vector {
  readonly id: string;
  readonly format: string;
  readonly characteristic_or_source: string;
  readonly hex: string;
  readonly expected: Record<string, unknown>;
  readonly key?: string;
  readonly mac?: string;
}

type Mapping =
  | { readonly kind: 'cli'; readonly formatId: string; readonly hexPrefix?: string }
  | { readonly kind: 'codec'; readonly codec: 'sfloat' | 'float' }
  | { readonly kind: 'serial' };

/** Vector format → how to test it. A Bluetooth format missing here fails the test. */
function mappingOf(vector: Vector): Mapping | undefined {
  const characteristic = /0x(2A[0-9A-F]{2})\b/i.exec(vector.characteristic_or_source);
  if (vector.format.startsWith('GATT ') && characteristic?.[1] !== undefined) return { kind: 'cli', formatId: characteristic[1].toLowerCase() };
  if (vector.format.startsWith('IEEE-11073 SFLOAT')) return { kind: 'codec', codec: 'sfloat' };
  if (vector.format.startsWith('IEEE-11073 FLOAT')) return { kind: 'codec', codec: 'float' };
  if (vector.format.startsWith('BTHome v2')) return { kind: 'cli', formatId: 'bthome' };
  if (vector.format.startsWith('Xiaomi Mi Smart Scale (v1)')) return { kind: 'cli', formatId: 'miscale-v1' };
  if (vector.format.startsWith('Xiaomi Mi Body Composition Scale (v2)')) return { kind: 'cli', formatId: 'miscale-v2' };
  // Samples without their frame: give them an ECG header (type 0, time 0, frame type 0).
  if (vector.format.startsWith('Polar PMD ECG samples')) return { kind: 'cli', formatId: 'polar-pmd-ecg', hexPrefix: '00000000000000000000' };
  if (vector.format.startsWith('Polar PMD data frame')) return { kind: 'cli', formatId: 'polar-pmd-ecg' };
  if (vector.format.startsWith('Jumper')) return { kind: 'cli', formatId: 'jumper-oximeter' };
  // Serial oximeter formats (BerryMed BCI included) are decoded and tested by drivers/serial.
  if (/^(Contec|Nonin|BerryMed)/.test(vector.format)) return { kind: 'serial' };
  return undefined;
}

interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as a user runs it: without the test runner's own NODE_OPTIONS hooks, which slow each start. */
const cliEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));

function runDecode(formatId: string, hex: string, vector: Vector): Promise<CliResult> {
  const args = [cliMain, 'decode', '--format', formatId, '--hex', hex, '--utc-offset', '0'];
  if (vector.key !== undefined) args.push('--key', vector.key);
  if (vector.mac !== undefined) args.push('--mac', vector.mac);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: cliEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => close(actual[i], e));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, e]) => close((actual as Record<string, unknown>)[k], e));
  }
  return actual === expected;
}

interface ExpectedReading {
  readonly metric: MetricId;
  readonly value: number;
  /** 'unchecked' when the vector does not list the time the payload carries. */
  readonly ts?: number | 'unchecked';
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function utcOf(time: unknown): number | undefined {
  if (time === null || typeof time !== 'object') return undefined;
  const { year, month, day, hours, minutes, seconds } = time as Record<string, number>;
  if (!year || !month || !day) return undefined;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds);
}

function bitSet(value: unknown, bit: number): boolean {
  return typeof value === 'number' && ((value >> bit) & 1) === 1;
}

const LB = 0.45359237;

/** The readings a user should get from a vector's fields, worked out from docs/protocols.md. */
function derivedReadings(formatId: string, e: Record<string, unknown>): ExpectedReading[] {
  const out: Array<{ metric: MetricId; value: number | undefined; ts?: number | 'unchecked' | undefined }> = [];
  switch (formatId) {
    case '2a37':
      if (e['sensorContact'] !== false) {
        out.push({ metric: 'heart_rate', value: num(e['heartRate']) });
        for (const raw of (e['rrRaw1024'] as number[] | undefined) ?? []) out.push({ metric: 'rr_interval', value: (raw * 1000) / 1024 });
      }
      out.push({ metric: 'energy_expended', value: num(e['energyExpendedKJ']) });
      break;
    case '2a1c': {
      const v = num(e['value']);
      out.push({ metric: 'body_temperature', value: v === undefined ? v : e['unit'] === 'F' ? ((v - 32) * 5) / 9 : v, ts: utcOf(e['timestamp']) });
      break;
    }
    case '2a35': {
      const k = e['unit'] === 'kPa' ? 7.50062 : 1;
      const ts = utcOf(e['timestamp']);
      for (const [metric, key] of [['bp_systolic', 'systolic'], ['bp_diastolic', 'diastolic'], ['bp_mean', 'map']] as const) {
        const v = num(e[key]);
        out.push({ metric, value: v === undefined ? v : v * k, ts });
      }
      out.push({ metric: 'pulse_rate', value: num(e['pulseRate']), ts });
      break;
    }
    case '2a9d':
    case '2a9c': {
      const w = num(e['weight']);
      out.push({ metric: 'body_fat', value: num(e['bodyFatPercent']) });
      out.push({ metric: 'impedance', value: num(e['impedanceOhm']) });
      out.push({ metric: 'body_weight', value: w === undefined ? w : e['unit'] === 'lb' ? w * LB : w });
      out.push({ metric: 'bmi', value: num(e['bmi']) });
      break;
    }
    case '2a5e':
    case '2a5f': {
      const m = e['measurementStatus'];
      const d = e['deviceAndSensorStatus'];
      // Unavailable, invalid, demonstration or test data, or no sensor on a person; questionable (bit 14) is kept.
      if ([10, 11, 13, 15].some((b) => bitSet(m, b)) || [11, 15].some((b) => bitSet(d, b))) break;
      const ts = e['deviceClockNotSet'] === true ? undefined : utcOf(e['timestamp']);
      out.push({ metric: 'spo2', value: num(e['spo2']), ts });
      out.push({ metric: 'pulse_rate', value: num(e['pulseRate']), ts });
      out.push({ metric: 'perfusion_index', value: num(e['pulseAmplitudeIndex']), ts });
      break;
    }
    case '2a18': {
      const c = num(e['concentration']);
      const status = e['sensorStatusAnnunciation'];
      if (c === undefined || e['type'] === 10 || e['sampleLocation'] === 4 || bitSet(status, 5) || bitSet(status, 6)) break;
      const base = utcOf(e['baseTime']);
      const ts = e['baseTime'] === undefined ? 'unchecked' : base === undefined ? undefined : base + (num(e['timeOffsetMin']) ?? 0) * 60_000;
      out.push({ metric: 'glucose', value: e['concentrationUnit'] === 'mol/L' ? c * 1000 * 18.0156 : c * 100_000, ts });
      break;
    }
    case '2aa7':
      // Warning octet bits 6/7 (annunciation 22/23): outside what the sensor can measure.
      if (bitSet(e['warningOctet'], 6) || bitSet(e['warningOctet'], 7)) break;
      out.push({ metric: 'glucose', value: num(e['glucoseMgDl']) });
      break;
    case '2a19':
      out.push({ metric: 'battery', value: num(e['value']) });
      break;
    case 'bthome': {
      const objects = (e['objects'] ?? {}) as Record<string, unknown>;
      const ts = num(objects['timestamp']);
      const at = ts === undefined ? undefined : ts * 1000;
      out.push({ metric: 'battery', value: num(objects['battery_pct']), ts: at });
      out.push({ metric: 'ambient_temperature', value: num(objects['temperature_C']), ts: at });
      out.push({ metric: 'ambient_humidity', value: num(objects['humidity_pct']), ts: at });
      out.push({ metric: 'body_weight', value: num(objects['mass_kg']), ts: at });
      const lb = num(objects['mass_lb']);
      out.push({ metric: 'body_weight', value: lb === undefined ? lb : lb * LB, ts: at });
      break;
    }
    case 'miscale-v1':
    case 'miscale-v2': {
      const w = num(e['weight']);
      if (e['stabilized'] !== true || e['loadRemoved'] === true || w === undefined || w === 0) break;
      const time = e['timestamp'] as { year?: number } | undefined;
      const ts = (time?.year ?? 0) >= 2014 ? utcOf(time) : undefined;
      out.push({ metric: 'body_weight', value: e['unit'] === 'lb' ? w * LB : e['unit'] === 'jin' ? w / 2 : w, ts });
      if (e['impedancePresent'] === true) out.push({ metric: 'impedance', value: num(e['impedanceOhm']), ts });
      break;
    }
    case 'jumper-oximeter':
      out.push({ metric: 'pulse_rate', value: num(e['pulseRate']) });
      out.push({ metric: 'spo2', value: num(e['spo2']) });
      out.push({ metric: 'perfusion_index', value: num(e['perfusionIndexPct']) });
      break;
    default:
      break;
  }
  return out
    .filter((r): r is { metric: MetricId; value: number; ts?: number | 'unchecked' } => r.value !== undefined && plausible(r.metric, r.value))
    .map((r) => (r.ts === undefined ? { metric: r.metric, value: r.value } : { metric: r.metric, value: r.value, ts: r.ts }));
}

function plausible(metric: MetricId, value: number): boolean {
  const range = metricDefinition(metric).plausible?.reject;
  if (range === undefined) return true;
  return (range.minExclusive === true ? value > range.min : value >= range.min) && value <= range.max;
}

function sortKey(r: { metric: string }, i: number): string {
  return `${r.metric}#${String(i).padStart(4, '0')}`;
}

function inMetricOrder<T extends { metric: string }>(readings: readonly T[]): T[] {
  // Readings of one metric keep their order (RR intervals oldest first); metrics may interleave.
  return readings.map((r, i) => ({ r, k: sortKey(r, i) })).sort((a, b) => (a.r.metric < b.r.metric ? -1 : a.r.metric > b.r.metric ? 1 : a.k < b.k ? -1 : 1)).map((x) => x.r);
}

// About 45 CLI processes: on a busy single-board box that takes longer than the runner's default per-file limit.
t.setTimeout(10 * 60_000);

const document = JSON.parse(readFileSync(vectorsFile, 'utf8')) as { vectors: Vector[] };

t.ok(document.vectors.length > 0, `vectors found in ${vectorsFile}`);

// CLI runs are independent: start them a few at a time (one per core) and check them in file order.
const runs = new Map<string, Promise<CliResult>>();
let slots: Promise<unknown>[] = Array.from({ length: Math.max(2, availableParallelism()) }, () => Promise.resolve());
document.vectors.forEach((vector, i) => {
  const mapping = mappingOf(vector);
  if (mapping?.kind !== 'cli') return;
  const slot = i % slots.length;
  const run = (slots[slot] ?? Promise.resolve()).then(() => runDecode(mapping.formatId, (mapping.hexPrefix ?? '') + vector.hex, vector));
  slots = slots.map((p, j) => (j === slot ? run.catch(() => undefined) : p));
  runs.set(vector.id, run);
});

for (const vector of document.vectors) {
  t.test(`${vector.id} (${vector.format})`, async (t) => {
    const mapping = mappingOf(vector);
    if (mapping === undefined) {
      t.fail(`no format id maps vector format "${vector.format}" (${vector.characteristic_or_source})`);
      return;
    }
    if (mapping.kind === 'serial') {
      t.pass('serial format, tested with the serial drivers');
      return;
    }
    if (mapping.kind === 'codec') {
      const bytes = Buffer.from(vector.hex, 'hex');
      const value = mapping.codec === 'sfloat' ? decodeSfloat(bytes.readUInt16LE(0)) : decodeFloat(bytes.readUInt32LE(0));
      t.ok(close(value, vector.expected['value']), `${vector.hex} → ${String(vector.expected['value'])} (got ${String(value)})`);
      return;
    }
    const pending = runs.get(vector.id);
    if (pending === undefined) throw new Error(`no CLI run started for ${vector.id}`);
    const run = await pending;
    if (vector.expected['valid'] === false) {
      t.not(run.status, 0, 'a payload too short for its flags is refused');
      t.match(run.stderr, new RegExp(`^cannot decode: ${mapping.formatId}: payload too short`), 'stderr says why');
      t.equal(run.stdout, '', 'nothing on stdout');
      return;
    }
    t.equal(run.status, 0, `decodes (stderr: ${run.stderr.trim()})`);
    const output = JSON.parse(run.stdout) as {
      readings: Array<{ metric: string; value: number; unit: string; ts?: number }>;
      fields: Record<string, unknown>;
      waveforms?: Array<{ metric: string; rateHz: number; samples: number[] }>;
    };
    for (const [key, expected] of Object.entries(vector.expected)) {
      if (key === 'rrMs' || key === 'microVolts') continue;
      t.ok(close(output.fields[key], expected), `field ${key}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(output.fields[key])}`);
    }
    if (vector.expected['rrMs'] !== undefined) t.ok(close(output.fields['rrMs'], vector.expected['rrMs']), 'RR intervals in ms (3 decimals)');
    const microVolts = vector.expected['microVolts'];
    if (microVolts !== undefined) {
      t.same(output.waveforms?.map((w) => ({ metric: w.metric, rateHz: w.rateHz, samples: w.samples })), [{ metric: 'ecg', rateHz: 130, samples: microVolts }], 'ECG samples in µV at 130 Hz');
    }

    const expectedReadings = inMetricOrder(derivedReadings(mapping.formatId, vector.expected));
    const actual = inMetricOrder(output.readings);
    t.equal(actual.length, expectedReadings.length, `readings: ${expectedReadings.map((r) => `${r.metric}=${r.value}`).join(', ') || 'none'}`);
    expectedReadings.forEach((want, i) => {
      const got = actual[i];
      t.equal(got?.metric, want.metric, `reading ${i} metric`);
      t.ok(got !== undefined && close(got.value, want.value), `${want.metric} = ${want.value} (got ${got?.value})`);
      if (want.ts !== 'unchecked') t.equal(got?.ts, want.ts, `${want.metric} device time`);
      t.equal(got?.unit, isMetricId(want.metric) ? metricDefinition(want.metric).unit : undefined, `${want.metric} in its canonical unit`);
    });
  });
}
