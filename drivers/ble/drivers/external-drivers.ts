import { readdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BleDriver } from './ble-driver.js';

export interface ExternalDriverProblem {
  readonly file: string;
  readonly reason: string;
}

export interface ExternalDrivers {
  readonly drivers: readonly BleDriver[];
  readonly problems: readonly ExternalDriverProblem[];
}

const DRIVER_FILE = new Set(['.js', '.mjs']);

/** Why a module's export is not a driver, or undefined when it is one. */
export function driverShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'does not export a driver object';
  const d = value as Partial<Record<keyof BleDriver | 'streams' | 'serviceData', unknown>>;
  if (typeof d.id !== 'string' || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(d.id)) return '`id` must be lower-case letters, digits and dashes';
  if (typeof d.label !== 'string' || d.label === '') return '`label` must be a non-empty string';
  if (typeof d.match !== 'object' || d.match === null) return '`match` must say what the driver matches';
  if (!Array.isArray(d.exposes)) return '`exposes` must list the metrics the device gives';
  if (d.kind === 'connected') return Array.isArray(d.streams) ? undefined : 'a connected driver needs `streams`';
  if (d.kind === 'advertisement') return typeof d.serviceData === 'object' && d.serviceData !== null ? undefined : 'an advertisement driver needs `serviceData`';
  return '`kind` must be "connected" or "advertisement"';
}

/**
 * The user's own drivers (Zigbee2MQTT's external converters): every .js/.mjs file in `dir` whose
 * default export (or `driver` export, or each entry of an exported array) is a driver. A broken
 * file is reported and skipped; it never stops the others or the hub.
 */
export async function loadExternalDrivers(dir: string): Promise<ExternalDrivers> {
  const drivers: BleDriver[] = [];
  const problems: ExternalDriverProblem[] = [];
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => DRIVER_FILE.has(extname(f))).sort();
  } catch (error) {
    return { drivers, problems: [{ file: dir, reason: `cannot read the folder: ${(error as Error).message}` }] };
  }
  for (const file of files) {
    const path = resolve(join(dir, file));
    try {
      const module = (await import(pathToFileURL(path).href)) as { default?: unknown; driver?: unknown };
      const exported = module.default ?? module.driver;
      const candidates = Array.isArray(exported) ? (exported as unknown[]) : [exported];
      for (const candidate of candidates) {
        const problem = driverShapeProblem(candidate);
        if (problem === undefined) drivers.push(candidate as BleDriver);
        else problems.push({ file, reason: problem });
      }
    } catch (error) {
      problems.push({ file, reason: `cannot be loaded: ${(error as Error).message}` });
    }
  }
  return { drivers, problems };
}
