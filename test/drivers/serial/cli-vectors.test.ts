import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { decodeCommand } from '../../../hub/cli/commands/decode.js';
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

/** The `hearth decode` command in this process (a process per vector is slow on a Pi-class box). */
async function hearthDecode(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await decodeCommand(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

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
    const { status, stdout } = await hearthDecode(['--format', format, '--hex', vector.hex]);
    t.equal(status, 0, 'exit status 0');
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
    const { status, stdout, stderr } = await hearthDecode(['--format', format, '--hex', hex]);
    t.equal(status, 1, `${format}: non-zero exit status`);
    t.equal(stdout, '', `${format}: nothing on stdout`);
    t.match(stderr, /cannot decode/, `${format}: says why`);
  }
});

t.test('the hearth binary lists and decodes the serial formats', async (t) => {
  const { stdout: list } = await run('node', [cli, 'decode', '--list']);
  const ids = (JSON.parse(list) as { formats: { id: string }[] }).formats.map((f) => f.id);
  for (const [, format] of formatByPrefix) t.ok(ids.includes(format), `${format} listed`);
  const { stdout } = await run('node', [cli, 'decode', '--format', 'contec-v7', '--hex', '01A8C5BA8782E1EB80']);
  t.equal((JSON.parse(stdout) as CliOutput).fields['pulseRate'], 130);
});
