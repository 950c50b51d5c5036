import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import type { AlertChannels, PersonOverview } from '../../api/types.js';
import type { PageProps } from '../../apps/dashboard-app.js';
import { StatusLine } from '../../components/status-line.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { loadPeople } from '../../state/household.js';
import { ChannelCard } from './channel-card.js';
import { ticked, Toggle } from './channel-fields.js';
import { EscalationCard } from './escalation-card.js';
import { QuietHoursCard, SpeechCard } from './speech-card.js';
import { WebhooksCard } from './webhooks-card.js';

/** Alerts on the hub's MQTT broker, for home automation and speakers listening there. */
function MqttCard({ channels, onSaved }: { readonly channels: AlertChannels; readonly onSaved: (channels: AlertChannels) => void }) {
  return (
    <ChannelCard
      section="mqtt"
      title="Home automation (MQTT)"
      from={channels.mqtt.from}
      warnings={channels.warnings.filter((w) => w.channel === 'mqtt')}
      test={{ channel: 'mqtt', label: 'Test MQTT' }}
      change={(form) => ({ mqtt: { enabled: ticked(form, 'enabled') } })}
      onSaved={onSaved}
    >
      <Toggle id="mqtt-enabled" name="enabled" label="Publish alerts on hearth/alerts for home automation" checked={channels.mqtt.enabled} />
    </ChannelCard>
  );
}

/**
 * How alerts reach people beyond the dashboard (the owner only): the speaker, quiet hours, push
 * notifications, MQTT and escalation to caregivers, each with what keeps it from telling anyone
 * and a test. Each card is drawn again from what the hub saved, so it shows what applies.
 */
export function AlertChannelsPage({ user }: PageProps) {
  const owner = user.role === 'owner';
  const loaded = useRequest(() => (owner ? api.get<AlertChannels>('/alert-channels') : Promise.resolve(undefined)));
  const [saved, setSaved] = useState<AlertChannels | undefined>(undefined);
  const [people, setPeople] = useState<readonly PersonOverview[]>([]);
  useEffect(() => {
    let mounted = true;
    loadPeople()
      .then((household) => mounted && setPeople(household))
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, []);
  const channels = saved ?? loaded.value;
  const status = !owner ? 'Only the hub’s owner sets up how alerts reach people.' : channels === undefined ? (loaded.failure !== undefined ? errorText(loaded.failure) : 'Loading the alert channels…') : '';
  // Each card is keyed by its saved section, so a save (or going back to the file) redraws it from what applies.
  const key = (section: unknown): string => JSON.stringify(section);
  return (
    <section class="page">
      <h1>Alert channels</h1>
      <p class="muted">
        How alerts reach people beyond this dashboard. The hub’s config file gives the defaults; what you save here wins over it and applies from the next alert. A test goes
        through what is saved.
      </p>
      <StatusLine text={status} />
      {channels !== undefined && (
        <div class="channel-cards">
          <WebhooksCard key={key(channels.webhooks)} channels={channels} onSaved={setSaved} />
          <SpeechCard key={key(channels.speech)} channels={channels} onSaved={setSaved} />
          <MqttCard key={key(channels.mqtt)} channels={channels} onSaved={setSaved} />
          <EscalationCard key={key([channels.escalation, people.map((p) => p.id)])} channels={channels} people={people} onSaved={setSaved} />
          <QuietHoursCard key={key(channels.quietHours)} channels={channels} onSaved={setSaved} />
        </div>
      )}
    </section>
  );
}
