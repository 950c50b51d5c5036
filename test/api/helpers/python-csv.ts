import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What an analyst's script makes of a CSV file: Debian's Python reads it with its own csv module,
 * as pandas and R's readers do, and turns every `value` cell into a float.
 */
const READER = `
import csv, json, sys
with open(sys.argv[1], newline="", encoding=sys.argv[2]) as f:
    reader = csv.DictReader(f)
    rows = list(reader)
print(json.dumps({"header": reader.fieldnames, "values": [float(row["value"]) for row in rows], "devices": [row["device"] for row in rows]}))
`;

export interface PythonCsvView {
  /** The header row as Python read it (a byte-order mark read as text shows up in the first name). */
  readonly header: readonly string[];
  readonly values: readonly number[];
  readonly devices: readonly string[];
}

/** Reads the bytes as Python would, with `utf-8` or `utf-8-sig` (which drops a byte-order mark). */
export function readCsvWithPython(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-sig'): PythonCsvView {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-csv-'));
  try {
    const file = join(dir, 'export.csv');
    writeFileSync(file, bytes);
    const run = spawnSync('/usr/bin/python3', ['-c', READER, file, encoding], { encoding: 'utf8' });
    if (run.error !== undefined) throw run.error;
    if (run.status !== 0) throw new Error(`python3 could not read the export: ${run.stderr.trim()}`);
    return JSON.parse(run.stdout) as PythonCsvView;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
