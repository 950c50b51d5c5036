import type { SetupStep } from '../api/types.js';

export interface StepText {
  /** The step's heading. */
  readonly title: string;
  /** Its name in the list of steps. */
  readonly label: string;
}

/** Every step of the first-run setup, in order (a step the hub names must have its words here). */
const STEPS: Readonly<Record<SetupStep, StepText>> = {
  people: { title: 'Who lives here?', label: 'People' },
  'time-zone': { title: 'Your time zone', label: 'Time zone' },
  units: { title: 'Units and time', label: 'Units' },
  demo: { title: 'The demo household', label: 'Demo household' },
  devices: { title: 'Your devices', label: 'Devices' },
};

export const STEP_ORDER = Object.keys(STEPS) as SetupStep[];

export function stepText(step: SetupStep): StepText {
  return STEPS[step];
}

/** What a step's form is handed: how to move on, and back where there is a step before. */
export interface StepMoves {
  readonly next: () => Promise<void>;
  readonly back: (() => Promise<void>) | undefined;
}
