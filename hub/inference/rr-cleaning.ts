/**
 * Separates artefacts and ectopic beats from an RR window before irregularity is measured, so that
 * a premature beat in an otherwise regular rhythm does not look like atrial fibrillation.
 */
import { median } from './stats.js';

/** RR intervals outside this range (ms) cannot be a heartbeat: missed or doubled detections. */
export const RR_PLAUSIBLE_MS = { min: 250, max: 2500 } as const;

export type BeatMark = 'kept' | 'artefact' | 'ectopic';

export interface CleanRr {
  /** The RR intervals that were kept, in order. */
  readonly kept: readonly number[];
  /** Successive differences only between intervals that were adjacent in the input and both kept. */
  readonly deltas: readonly number[];
  readonly marks: readonly BeatMark[];
  readonly artefactCount: number;
  readonly ectopicCount: number;
}

/** How far from the window's median a neighbour may be and still count as regular rhythm. */
const REGULAR_TOLERANCE = 0.1;
const PREMATURE_BELOW = 0.85;
const COMPENSATORY_ABOVE = 1.1;
/**
 * RR intervals are whole milliseconds, so an interval exactly on a limit (595 ms against a 700 ms
 * median is 85 %) is common. Compared as ratios with this margin, such a tie is decided the same at
 * every heart rate instead of by the rounding of one multiplication; no two different whole-ms
 * ratios below 2.5 s are this close.
 */
const TIE_MARGIN = 1e-9;

function below(rr: number, reference: number, limit: number): boolean {
  return rr / reference < limit - TIE_MARGIN;
}

function above(rr: number, reference: number, limit: number): boolean {
  return rr / reference > limit + TIE_MARGIN;
}

function near(rr: number, reference: number): boolean {
  return Math.abs(rr / reference - 1) <= REGULAR_TOLERANCE + TIE_MARGIN;
}

function isRegular(rr: number | undefined, reference: number): boolean {
  return rr === undefined || near(rr, reference);
}

/**
 * An ectopic pair is a premature interval followed by a long one (compensatory pause), or two short
 * intervals that add up to one normal interval (interpolated beat or a doubled detection), with
 * regular intervals on both sides. The regular neighbours are what tell an ectopic beat apart from
 * AF, whose neighbours are irregular too.
 */
export function cleanRrWindow(rrMs: readonly number[]): CleanRr {
  const marks: BeatMark[] = rrMs.map((rr) =>
    Number.isFinite(rr) && rr >= RR_PLAUSIBLE_MS.min && rr <= RR_PLAUSIBLE_MS.max ? 'kept' : 'artefact',
  );
  const plausible = rrMs.filter((_, i) => marks[i] === 'kept');
  const reference = median(plausible);
  if (Number.isFinite(reference)) {
    for (let i = 0; i + 1 < rrMs.length; i++) {
      const a = rrMs[i] ?? Number.NaN;
      const b = rrMs[i + 1] ?? Number.NaN;
      if (marks[i] !== 'kept' || marks[i + 1] !== 'kept') continue;
      if (!isRegular(rrMs[i - 1], reference) || !isRegular(rrMs[i + 2], reference)) continue;
      const premature = below(a, reference, PREMATURE_BELOW);
      const compensated = premature && above(b, reference, COMPENSATORY_ABOVE);
      const interpolated = premature && near(a + b, reference);
      if (compensated || interpolated) {
        marks[i] = 'ectopic';
        marks[i + 1] = 'ectopic';
        i++;
      }
    }
  }
  const kept: number[] = [];
  const deltas: number[] = [];
  for (let i = 0; i < rrMs.length; i++) {
    if (marks[i] !== 'kept') continue;
    const rr = rrMs[i] ?? Number.NaN;
    if (i > 0 && marks[i - 1] === 'kept') deltas.push(rr - (rrMs[i - 1] ?? Number.NaN));
    kept.push(rr);
  }
  return {
    kept,
    deltas,
    marks,
    artefactCount: marks.filter((m) => m === 'artefact').length,
    ectopicCount: marks.filter((m) => m === 'ectopic').length,
  };
}
