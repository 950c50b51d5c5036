import { api } from '../api/client.js';
import type { DemoHousehold } from '../api/types.js';
import { useRequest } from '../components/use-request.js';
import { DemoRemoval, demoPresent } from './demo-removal.js';
import type { StepMoves } from './setup-steps.js';
import { StepForm } from './step-form.js';

/** Step 4: keep the simulated household for now, or remove it with all its data. */
export function DemoStep({ moves }: { readonly moves: StepMoves }) {
  const request = useRequest(() => api.get<DemoHousehold>('/demo'));
  return (
    <StepForm moves={moves} nextLabel={demoPresent(request.value) ? 'Keep it for now' : 'Next'}>
      <DemoRemoval request={request} />
    </StepForm>
  );
}
