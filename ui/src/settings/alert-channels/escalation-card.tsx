import type { AlertChannels, PersonOverview } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { ChannelCard } from './channel-card.js';
import { text } from './channel-fields.js';

const accounts = (count: number, name: string): string =>
  count === 0 ? `No caregiver account sees ${name}’s alerts yet (Settings, Accounts).` : `${count === 1 ? 'One caregiver account sees' : `${count} caregiver accounts see`} ${name}’s escalated alerts on the dashboard.`;

/** Who is told when nobody acknowledges an alert: after how long, and each person's caregivers' push addresses. */
export function EscalationCard({ channels, people, onSaved }: { readonly channels: AlertChannels; readonly people: readonly PersonOverview[]; readonly onSaved: (channels: AlertChannels) => void }) {
  const { escalation } = channels;
  const change = (form: HTMLFormElement) => {
    const afterMinutes = Number(text(form, 'afterMinutes'));
    if (!Number.isInteger(afterMinutes) || afterMinutes < 1) return 'Tell caregivers after a whole number of minutes, at least 1.';
    const pushAddresses: Record<string, string[]> = {};
    for (const person of people) {
      const lines = text(form, `push-${person.id}`).split(/\s+/).filter((line) => line !== '');
      if (lines.length > 0) pushAddresses[person.id] = lines;
    }
    return { escalation: { afterMinutes, pushAddresses } };
  };
  return (
    <ChannelCard section="escalation" title="Escalation to caregivers" from={escalation.from} warnings={channels.warnings.filter((w) => w.channel === 'escalation')} test={{ channel: 'escalation', label: 'Test escalation' }} change={change} onSaved={onSaved}>
      <Field for="escalation-after" label="Tell caregivers after (minutes without an acknowledgement)">
        <input id="escalation-after" name="afterMinutes" type="number" inputMode="numeric" min={1} max={10080} step={1} defaultValue={String(escalation.afterMinutes)} />
      </Field>
      {people.map((person) => (
        <Field key={person.id} for={`escalation-${person.id}`} label={`Caregivers’ push addresses for ${person.name}`} hint={`One ntfy address a line. ${accounts(escalation.caregiverAccounts[person.id] ?? 0, person.name)}`}>
          <textarea id={`escalation-${person.id}`} name={`push-${person.id}`} rows={2} defaultValue={(escalation.pushAddresses[person.id] ?? []).join('\n')} aria-describedby={`escalation-${person.id}-hint`} />
        </Field>
      ))}
    </ChannelCard>
  );
}
