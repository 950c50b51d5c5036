import type { StepMoves } from './setup-steps.js';
import { StepForm } from './step-form.js';

/** Step 5: hands over to the Devices page, where pairing is. */
export function DevicesStep({ moves }: { readonly moves: StepMoves }) {
  return (
    <StepForm moves={moves} nextLabel="Finish">
      <p>
        Hearth hears Bluetooth devices (chest straps, oximeters, blood-pressure cuffs, scales, thermometers) and devices that send over your network. Finish, and the Devices page opens: press{' '}
        <strong>Look for new devices</strong>, then wake each device (take a measurement, or press its button) so the hub hears it, and choose whose it is.
      </p>
    </StepForm>
  );
}
