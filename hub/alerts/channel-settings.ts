import Type, { type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { EscalationSection, QuietHoursSection, SettingsOrigin, SpeechSection } from '../services/alert-channels-service.js';
import type { Db } from '../store/index.js';
import type { AlertsConfig } from './alerts-config.js';
import { SEVERITIES } from './severity.js';

/** A push address as the channels use it, token included (it never leaves the hub through the API). */
export interface WebhookTargetSetting {
  readonly id: string;
  readonly url: string;
  readonly format: 'ntfy' | 'gotify';
  readonly minSeverity: 'info' | 'warning' | 'critical';
  readonly token?: string;
}

/** Every channel's settings as they apply now: the household's edits over the config file's. */
export interface ChannelSettingsValues {
  readonly speech: SpeechSection;
  readonly quietHours: QuietHoursSection;
  readonly webhooks: readonly WebhookTargetSetting[];
  readonly mqtt: { readonly enabled: boolean };
  readonly escalation: EscalationSection;
}

export type ChannelSection = keyof ChannelSettingsValues;
export const CHANNEL_SECTIONS: readonly ChannelSection[] = ['speech', 'quietHours', 'webhooks', 'mqtt', 'escalation'];

/** What a stored row must look like to be used; a row that does not (written by another version) is passed over. */
const severity = Type.Enum(SEVERITIES);
const STORED: Readonly<Record<ChannelSection, TSchema>> = {
  speech: Type.Object({ enabled: Type.Boolean(), device: Type.String(), voice: Type.String(), minSeverity: severity }),
  quietHours: Type.Object({ enabled: Type.Boolean(), start: Type.String(), end: Type.String(), hold: Type.Array(Type.Enum(['info', 'warning'])) }),
  webhooks: Type.Array(
    Type.Object({ id: Type.String(), url: Type.String(), format: Type.Enum(['ntfy', 'gotify']), minSeverity: severity, token: Type.Optional(Type.String()) }),
  ),
  mqtt: Type.Object({ enabled: Type.Boolean() }),
  escalation: Type.Object({ afterMinutes: Type.Integer(), pushAddresses: Type.Record(Type.String(), Type.Array(Type.String())) }),
};

const isUrl = (entry: string): boolean => /^https?:\/\//i.test(entry);

/** What the config file says, as channel settings: the household's starting point, and where "back to the file" goes. */
export function fileChannelSettings(file: AlertsConfig): ChannelSettingsValues {
  const { speech, quietHours } = file;
  const pushAddresses: Record<string, string[]> = {};
  for (const [personId, entries] of Object.entries(file.caregivers)) {
    const urls = entries.filter(isUrl);
    if (urls.length > 0) pushAddresses[personId] = urls;
  }
  return {
    speech: { enabled: speech.enabled, device: speech.device, voice: speech.voice, minSeverity: speech.minSeverity },
    quietHours: { enabled: quietHours.enabled, start: quietHours.start, end: quietHours.end, hold: [...quietHours.hold] },
    // The file's addresses have no ids of their own: their place in the list names them.
    webhooks: file.webhooks.map((target, index) => ({ id: `file-${index + 1}`, ...target })),
    mqtt: { enabled: true },
    escalation: { afterMinutes: file.escalateAfterMinutes, pushAddresses },
  };
}

export const channelSettingsMigration = (db: Db): void => {
  db.exec(`
    -- The household's own alert channel settings, one row per section (speech, webhooks…), each
    -- the section as last saved on the dashboard; a section without a row is the config file's.
    CREATE TABLE alert_channel_setting (
      section TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
};

/**
 * The alert channels' settings, kept in the alerts part's table: the config file gives each
 * section's default, and a section the household saved on the dashboard wins over it, whole,
 * until the household goes back to the file's. The channels ask `current()` at every delivery, so
 * a change applies at once.
 */
export class ChannelSettings {
  private readonly file: ChannelSettingsValues;
  private stored: Partial<ChannelSettingsValues> = {};
  private merged: ChannelSettingsValues;

  constructor(
    private readonly db: Db,
    file: AlertsConfig,
  ) {
    this.file = fileChannelSettings(file);
    this.merged = this.file;
    this.load();
  }

  current(): ChannelSettingsValues {
    return this.merged;
  }

  fromFile(): ChannelSettingsValues {
    return this.file;
  }

  origin(section: ChannelSection): SettingsOrigin {
    return this.stored[section] !== undefined ? 'household' : 'file';
  }

  /** Saves the sections given (null: back to the file's) in one transaction, then applies them. */
  save(changes: Partial<{ readonly [S in ChannelSection]: ChannelSettingsValues[S] | null }>): void {
    const upsert = this.db.prepare('INSERT INTO alert_channel_setting (section, value) VALUES (?, ?) ON CONFLICT (section) DO UPDATE SET value = excluded.value');
    const remove = this.db.prepare('DELETE FROM alert_channel_setting WHERE section = ?');
    this.db.transaction(() => {
      for (const section of CHANNEL_SECTIONS) {
        const value = changes[section];
        if (value === undefined) continue;
        if (value === null) remove.run(section);
        else upsert.run(section, JSON.stringify(value));
      }
    })();
    this.load();
  }

  private load(): void {
    const stored: Record<string, unknown> = {};
    for (const row of this.db.prepare<[], { section: string; value: string }>('SELECT section, value FROM alert_channel_setting').all()) {
      const schema = STORED[row.section as ChannelSection] as TSchema | undefined;
      if (schema === undefined) continue;
      try {
        const value: unknown = JSON.parse(row.value);
        if (Value.Check(schema, value)) stored[row.section] = value;
      } catch {
        // An unreadable row is passed over: the file's section applies.
      }
    }
    this.stored = stored;
    this.merged = { ...this.file, ...this.stored };
  }
}
