/**
 * Cleans a night of RR intervals from a chest strap before breathing is read from it: intervals no
 * heart makes at rest (missed or doubled detections) and beats far from their neighbours (ectopic
 * beats, a detection on noise) are left out, and no successive difference is taken across a beat
 * that was left out. Pure: beats in, kept beats out.
 */

export interface RrBeat {
  /** Seconds from the start of the night to the beat that ends the interval. */
  readonly t: number;
  readonly rrMs: number;
}

export interface KeptBeat extends RrBeat {
  /** The interval before this one was kept too, so `rrMs` minus it is a true successive difference. */
  readonly followsKept: boolean;
}

/** Intervals outside this range (ms) are not a sleeping heart's: 30–200 bpm. */
export const NIGHT_RR_PLAUSIBLE_MS = { min: 300, max: 2000 } as const;
/** The local median is taken over this many plausible intervals either side. */
const LOCAL_HALF_WIDTH = 5;
/** An interval further than this share from its local median is an ectopic beat or a detection error. */
const LOCAL_TOLERANCE = 0.2;

function medianOf(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] ?? Number.NaN) : ((values[mid - 1] ?? Number.NaN) + (values[mid] ?? Number.NaN)) / 2;
}

/** Beats in time order; returns those kept, in the same order. */
export function cleanNightRr(beats: readonly RrBeat[]): KeptBeat[] {
  const plausible = beats.map(
    (b) => Number.isFinite(b.t) && Number.isFinite(b.rrMs) && b.rrMs >= NIGHT_RR_PLAUSIBLE_MS.min && b.rrMs <= NIGHT_RR_PLAUSIBLE_MS.max,
  );
  const plausibleIndex: number[] = [];
  plausible.forEach((ok, i) => {
    if (ok) plausibleIndex.push(i);
  });
  const kept = new Array<boolean>(beats.length).fill(false);
  for (let p = 0; p < plausibleIndex.length; p++) {
    const neighbourhood: number[] = [];
    for (let q = Math.max(0, p - LOCAL_HALF_WIDTH); q <= Math.min(plausibleIndex.length - 1, p + LOCAL_HALF_WIDTH); q++) {
      neighbourhood.push(beats[plausibleIndex[q] ?? 0]?.rrMs ?? Number.NaN);
    }
    const i = plausibleIndex[p] ?? 0;
    const reference = medianOf(neighbourhood);
    kept[i] = Math.abs((beats[i]?.rrMs ?? Number.NaN) - reference) <= LOCAL_TOLERANCE * reference;
  }
  const out: KeptBeat[] = [];
  beats.forEach((b, i) => {
    if (kept[i]) out.push({ t: b.t, rrMs: b.rrMs, followsKept: i > 0 && kept[i - 1] === true });
  });
  return out;
}
