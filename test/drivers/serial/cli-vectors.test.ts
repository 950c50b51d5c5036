import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { deviceVectorsPath, repoRoot } from './helpers/paths.js';

interface Vector {
  readonly id: string;
  readonly hex: string;
  readonly expected: Record<string, unknown>;
}

interface CliOutput {
  readonly readings: readonly { metric: string; value: number; unit: string }[];
  readonly fields: Record<string, unknown>;
}

const run = promisify(execFile);
const cli = path.join(repoRoot(import.meta.url), 'dist', 'hub', 'cli', 'main.js');

/** Serial format ids by the vector-id prefix the shared vectors use (longest prefix first). */
const formatByPrefix: readonly (readonly [string, string])[] = [
  ['contec-legacy-rec-', 'contec-legacy-record'],
  ['contec-legacy-', 'contec-legacy'],
  ['contec-v7-', 'contec-v7'],
  ['nonin-df2-', 'nonin-df2'],
  ['bci-', 'berrymed-bci'],
];

function serialFormatOf(vector: Vector): string | undefined {
  return formatByPrefix.find(([prefix]) => vector.id.startsWith(prefix))?.[1];
}

const vectors = (JSON.parse(readFileSync(deviceVectorsPath(import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;
const serialVectors = vectors.flatMap((v) => {
  const format = serialFormatOf(v);
  return format === undefined ? [] : [{ vector: v, format }];
});

t.test('the shared vectors hold every serial format', async (t) => {
  const formats = new Set(serialVectors.map((s) => s.format));
  t.same([...formats].sort(), formatByPrefix.map(([, f]) => f).sort());
});

for (const { vector, format } of serialVectors) {
  t.test(`hearth decode ${format} ${vector.id}`, async (t) => {
    const { stdout } = await run('node', [cli, 'decode', '--format', format, '--hex', vector.hex]);
    const output = JSON.parse(stdout) as CliOutput;
    for (const [field, value] of Object.entries(vector.expected)) {
      t.same(output.fields[field], value, `field ${field}`);
    }
    const reading = (metric: string): number | undefined => output.readings.find((r) => r.metric === metric)?.value;
    if (typeof vector.expected['spo2'] === 'number') t.equal(reading('spo2'), vector.expected['spo2'], 'spo2 reading');
    if (typeof vector.expected['pulseRate'] === 'number') {
      t.equal(reading('pulse_rate'), vector.expected['pulseRate'], 'pulse_rate reading');
    }
    if (typeof vector.expected['perfusionIndexPct'] === 'number') {
      t.equal(reading('perfusion_index'), vector.expected['perfusionIndexPct'], 'perfusion_index reading');
    }
    if (vector.expected['perfusionIndexPct'] === null) t.equal(reading('perfusion_index'), undefined, 'no perfusion index');
  });
}

t.test('hearth decode refuses a serial packet with broken framing', async (t) => {
  const broken: readonly (readonly [string, string])[] = [
    ['contec-legacy', 'C5BA074861'],
    ['contec-v7', '01E0C5BA97C8E1FF'],
    ['nonin-df2', '0181010084'],
    ['berrymed-bci', '4632054B62'],
    ['contec-legacy-record', 'F0C4DF'],
  ];
  for (const [format, hex] of broken) {
    await t.rejects(run('node', [cli, 'decode', '--format', format, '--hex', hex]), { code: 1 }, format);
  }
});
