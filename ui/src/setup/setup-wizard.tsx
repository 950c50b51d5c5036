import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { SetupProgress, SetupStep, User } from '../api/types.js';
import { DemoStep } from './demo-step.js';
import { DevicesStep } from './devices-step.js';
import { PeopleStep } from './people-step.js';
import { TimeZoneStep, UnitsStep } from './settings-steps.js';
import { STEP_ORDER, stepText, type StepMoves } from './setup-steps.js';

/** Where Finish leads: the pairing page. */
const DEVICES_PATH = '/devices';

interface SetupWizardProps {
  readonly user: User;
  /** The step the hub keeps for the owner. */
  readonly step: SetupStep;
  /** The setup is finished; the dashboard opens at `path`. */
  readonly onFinished: (path: string) => void;
}

/**
 * The first run after the owner's account: the household's people, time zone, units, the demo
 * household, then devices. Every move is kept on the hub before the step changes, so a reload, or
 * the owner's phone, takes up the same step.
 */
export function SetupWizard({ user, step: first, onFinished }: SetupWizardProps) {
  const [step, setStep] = useState(first);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const index = Math.max(0, STEP_ORDER.indexOf(step));

  useEffect(() => {
    // A new step is announced by moving to its heading; the first one is read from the top.
    if (moved.current) heading.current?.focus();
    moved.current = true;
    window.scrollTo(0, 0);
  }, [step]);

  const go = async (to: SetupStep, done = false): Promise<void> => {
    const saved = await api.put<SetupProgress>('/setup', { step: to, done });
    if (done) onFinished(DEVICES_PATH);
    else setStep(saved.state === 'in_progress' ? saved.step : to);
  };
  const previous = STEP_ORDER[index - 1];
  const following = STEP_ORDER[index + 1];
  const moves: StepMoves = {
    back: previous === undefined ? undefined : () => go(previous),
    next: following === undefined ? () => go(step, true) : () => go(following),
  };

  return (
    <main class="setup" id="main">
      <div class="setup-card">
        <p class="brand brand-large" aria-hidden="true">
          ♥ Hearth
        </p>
        <p class="setup-count">
          Step {index + 1} of {STEP_ORDER.length}
        </p>
        <ol class="setup-steps" aria-label="Setup steps">
          {STEP_ORDER.map((id, i) => (
            <li key={id} class={i < index ? 'done' : undefined} aria-current={id === step ? 'step' : undefined}>
              {stepText(id).label}
            </li>
          ))}
        </ol>
        <h1 ref={heading} tabIndex={-1}>
          {stepText(step).title}
        </h1>
        <CurrentStep key={step} step={step} user={user} moves={moves} />
      </div>
    </main>
  );
}

function CurrentStep({ step, user, moves }: { readonly step: SetupStep; readonly user: User; readonly moves: StepMoves }) {
  switch (step) {
    case 'people':
      return <PeopleStep user={user} moves={moves} />;
    case 'time-zone':
      return <TimeZoneStep moves={moves} />;
    case 'units':
      return <UnitsStep moves={moves} />;
    case 'demo':
      return <DemoStep moves={moves} />;
    case 'devices':
      return <DevicesStep moves={moves} />;
  }
}
