import type { Db } from './database.js';

/** Whose series: every series of these devices, and every series of these people from any device. */
export interface SeriesOwners {
  readonly deviceIds: readonly string[];
  readonly personIds: readonly string[];
}

/** How much the store holds (or held) of some owners. */
export interface SeriesHoldings {
  readonly series: number;
  /** Raw readings deleted; for `holdings`, the readings ever recorded (from the daily rollups, which stay cheap to sum on a long history). */
  readonly readings: number;
  readonly rollups: number;
  readonly waveformBlocks: number;
  /** The devices' history of connections and availability. */
  readonly deviceEvents: number;
}

/** Series of the owners; lists travel as JSON arrays, read with `json_each`. */
const OWNED = `SELECT id FROM series
  WHERE device_id IN (SELECT value FROM json_each(:devices)) OR person_id IN (SELECT value FROM json_each(:people))`;

/** Counts and deletes what the store holds of some people and devices: their series, and the devices' events. */
export class SeriesRemoval {
  private readonly owned;
  private readonly countRecorded;
  private readonly countRollups;
  private readonly countBlocks;
  private readonly deleteSamples;
  private readonly deleteRollups;
  private readonly deleteBlocks;
  private readonly deleteSeries;
  private readonly countEvents;
  private readonly deleteEvents;

  constructor(private readonly db: Db) {
    this.owned = db.prepare<{ devices: string; people: string }, number>(OWNED).pluck();
    const count = (table: string) => db.prepare<{ devices: string; people: string }, number>(`SELECT count(*) FROM ${table} WHERE series_id IN (${OWNED})`).pluck();
    this.countRecorded = db.prepare<{ devices: string; people: string }, number | null>(`SELECT sum(count) FROM rollup WHERE resolution = 86400 AND series_id IN (${OWNED})`).pluck();
    this.countRollups = count('rollup');
    this.countBlocks = count('waveform_block');
    const remove = (table: string) => db.prepare<{ devices: string; people: string }>(`DELETE FROM ${table} WHERE series_id IN (${OWNED})`);
    this.deleteSamples = remove('sample');
    this.deleteRollups = remove('rollup');
    this.deleteBlocks = remove('waveform_block');
    this.deleteSeries = db.prepare<{ devices: string; people: string }>(`DELETE FROM series WHERE id IN (${OWNED})`);
    const EVENTS = 'FROM device_event WHERE device_id IN (SELECT value FROM json_each(:devices))';
    this.countEvents = db.prepare<{ devices: string }, number>(`SELECT count(*) ${EVENTS}`).pluck();
    this.deleteEvents = db.prepare<{ devices: string }>(`DELETE ${EVENTS}`);
  }

  /** The ids of the owners' series. */
  seriesIds(owners: SeriesOwners): number[] {
    return this.owned.all(params(owners));
  }

  holdings(owners: SeriesOwners): SeriesHoldings {
    const p = params(owners);
    return {
      series: this.owned.all(p).length,
      readings: this.countRecorded.get(p) ?? 0,
      rollups: this.countRollups.get(p) ?? 0,
      waveformBlocks: this.countBlocks.get(p) ?? 0,
      deviceEvents: this.countEvents.get({ devices: p.devices }) ?? 0,
    };
  }

  /** Deletes the owners' series with their raw readings, rollups and waveform blocks, and the devices' events, in one transaction (or the caller's). */
  remove(owners: SeriesOwners): SeriesHoldings {
    const p = params(owners);
    return this.db.transaction(() => {
      const series = this.owned.all(p).length;
      const readings = this.deleteSamples.run(p).changes;
      const rollups = this.deleteRollups.run(p).changes;
      const waveformBlocks = this.deleteBlocks.run(p).changes;
      this.deleteSeries.run(p);
      const deviceEvents = this.deleteEvents.run({ devices: p.devices }).changes;
      return { series, readings, rollups, waveformBlocks, deviceEvents };
    })();
  }
}

function params(owners: SeriesOwners): { devices: string; people: string } {
  return { devices: JSON.stringify(owners.deviceIds), people: JSON.stringify(owners.personIds) };
}
