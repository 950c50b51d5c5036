import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '../format/error-text.js';
import type { StepMoves } from './setup-steps.js';

interface StepFormProps {
  readonly moves: StepMoves;
  /** What Next saves before moving on; a step without it only moves on. */
  readonly save?: (form: HTMLFormElement) => Promise<void>;
  /** Offers Skip: on to the next step without saving anything. */
  readonly skippable?: boolean;
  readonly nextLabel?: string;
  readonly children: ComponentChildren;
}

/** A step's form with Back, Skip and Next; what fails is said in a sentence above the buttons. */
export function StepForm({ moves, save, skippable = false, nextLabel = 'Next', children }: StepFormProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = (work: () => Promise<void>): void => {
    setBusy(true);
    setError('');
    work()
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    run(async () => {
      await save?.(form);
      await moves.next();
    });
  };
  const { back } = moves;

  return (
    <form class="stack" onSubmit={submit}>
      {children}
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="setup-nav">
        {back !== undefined && (
          <button type="button" disabled={busy} onClick={() => run(back)}>
            Back
          </button>
        )}
        {skippable && (
          <button type="button" class="link-button" disabled={busy} onClick={() => run(moves.next)}>
            Skip
          </button>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {nextLabel}
        </button>
      </div>
    </form>
  );
}
