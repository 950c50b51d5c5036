import { api } from '../api/client.js';
import type { HouseholdSettings } from '../api/types.js';
import { formValues } from '../components/field.js';
import { UnitChoices, unitChanges } from '../settings/setting-choices.js';
import { TimeZoneChoice } from '../settings/time-zone-choice.js';
import { adoptSettings, householdSettings } from '../state/settings.js';
import type { StepMoves } from './setup-steps.js';
import { StepForm } from './step-form.js';

async function saveSettings(changes: Partial<HouseholdSettings>): Promise<void> {
  adoptSettings(await api.patch<HouseholdSettings>('/settings', changes));
}

/** Step 2: the household's time zone, the browser's until another is chosen. */
export function TimeZoneStep({ moves }: { readonly moves: StepMoves }) {
  const save = (form: HTMLFormElement): Promise<void> => saveSettings({ timeZone: formValues(form)['timeZone'] ?? '' });
  return (
    <StepForm moves={moves} save={save} skippable>
      <p>The hub keeps quiet hours at night (only critical alerts are spoken then) and writes the times in its alerts in the household’s own time. This browser says you are in the zone chosen below.</p>
      <TimeZoneChoice key={householdSettings.value.timeZone} value={householdSettings.value.timeZone} readOnly={false} />
    </StepForm>
  );
}

/** Step 3: weight, temperature and glucose units, and the clock. */
export function UnitsStep({ moves }: { readonly moves: StepMoves }) {
  const save = (form: HTMLFormElement): Promise<void> => saveSettings(unitChanges(formValues(form)));
  const settings = householdSettings.value;
  return (
    <StepForm moves={moves} save={save} skippable>
      <p>How values and times show on every screen. Readings are kept as measured, so this can change at any time in Settings.</p>
      <div key={JSON.stringify(settings)} class="stack">
        <UnitChoices settings={settings} readOnly={false} />
      </div>
    </StepForm>
  );
}
