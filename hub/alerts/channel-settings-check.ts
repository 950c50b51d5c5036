import { ChannelSettingsRefused, type AlertChannelsChange, type EscalationSection, type QuietHoursSection, type SpeechSection, type WebhookTargetChange } from '../services/alert-channels-service.js';
import type { ChannelSection, ChannelSettingsValues, WebhookTargetSetting } from './channel-settings.js';

export const MAX_PUSH_ADDRESSES = 20;
const MAX_URL_LENGTH = 2048;
const MAX_TOKEN_LENGTH = 512;
const MAX_ESCALATION_MINUTES = 7 * 1440;
const CLOCK_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
/** espeak-ng's voice names (en, en-gb, de+f3): nothing that could be taken for an option. */
const VOICE = /^[A-Za-z0-9][A-Za-z0-9_+-]{0,31}$/;
/** Tokens go into an HTTP header: printable ASCII without spaces. */
const TOKEN = /^[\x21-\x7e]+$/;

export type CheckedChange = Partial<{ -readonly [S in ChannelSection]: ChannelSettingsValues[S] | null }>;

const refuse = (message: string): never => {
  throw new ChannelSettingsRefused(message);
};

/** An address the hub will post to: http or https, no credentials in it (fetch refuses them, and they would be shown). */
export function checkPushAddress(url: string, what = 'A push address'): URL {
  const text = url.trim();
  if (text === '') refuse(`${what} is empty: type a web address like https://ntfy.sh/your-topic.`);
  if (text.length > MAX_URL_LENGTH) refuse(`${what} is too long: at most ${MAX_URL_LENGTH} characters.`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') {
    return refuse(`${what} must be a web address starting with https:// or http://, like https://ntfy.sh/your-topic.`);
  }
  if (parsed.username !== '' || parsed.password !== '') refuse(`${what} cannot hold a user name or password: put an access token in the token field instead.`);
  return parsed;
}

function checkSpeech(speech: SpeechSection): SpeechSection {
  const voice = speech.voice.trim();
  if (!VOICE.test(voice)) refuse('The voice is an espeak-ng voice name such as en, en-gb or de: up to 32 letters, digits and the signs + - _, starting with a letter or digit.');
  const device = speech.device.trim();
  if (device.length > 128) refuse('The sound device name is too long: at most 128 characters.');
  if (device.startsWith('-') || !/^[\x21-\x7e]*$/.test(device)) refuse('The sound device is an ALSA name such as plughw:1,0 or default, without spaces, and cannot start with a dash. Leave it empty to only save sound files.');
  return { enabled: speech.enabled, device, voice, minSeverity: speech.minSeverity };
}

function checkQuietHours(quiet: QuietHoursSection): QuietHoursSection {
  if (!CLOCK_TIME.test(quiet.start)) refuse('Quiet hours start at a time written as HH:MM, like 22:00.');
  if (!CLOCK_TIME.test(quiet.end)) refuse('Quiet hours end at a time written as HH:MM, like 07:00.');
  if (quiet.enabled && quiet.start === quiet.end) refuse('Quiet hours start and end at the same time: choose two different times, or turn quiet hours off.');
  return { enabled: quiet.enabled, start: quiet.start, end: quiet.end, hold: [...new Set(quiet.hold)] };
}

function checkToken(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH) refuse(`The token is too long: at most ${MAX_TOKEN_LENGTH} characters.`);
  if (!TOKEN.test(token)) refuse('A token holds letters, digits and signs, without spaces. Type it again, or remove it.');
  return token;
}

/**
 * Push addresses as the household sent them, each new one given an id. A token not sent is kept
 * from the address of the same id, but only while that address stays on the same server: a token
 * must never follow an address to a server it was not made for.
 */
function checkWebhooks(targets: readonly WebhookTargetChange[], current: readonly WebhookTargetSetting[], newId: () => string): WebhookTargetSetting[] {
  if (targets.length > MAX_PUSH_ADDRESSES) refuse(`At most ${MAX_PUSH_ADDRESSES} push addresses.`);
  const seen = new Set<string>();
  return targets.map((target, index) => {
    const what = targets.length === 1 ? 'The push address' : `Push address ${index + 1}`;
    const url = checkPushAddress(target.url, what);
    const text = target.url.trim();
    if (seen.has(text)) refuse(`${what} is listed twice: remove one of them.`);
    seen.add(text);
    const known = target.id === undefined ? undefined : current.find((c) => c.id === target.id);
    if (target.id !== undefined && known === undefined) refuse(`${what} was changed elsewhere meanwhile: reload the page and try again.`);
    let token: string | undefined;
    if (typeof target.token === 'string') token = checkToken(target.token);
    else if (target.token === undefined && known?.token !== undefined) {
      if (new URL(known.url).origin !== url.origin) refuse(`${what} now goes to another server (${url.host}): type its token again, or remove the token.`);
      token = known.token;
    }
    return { id: known?.id ?? newId(), url: text, format: target.format, minSeverity: target.minSeverity, ...(token !== undefined ? { token } : {}) };
  });
}

function checkEscalation(escalation: EscalationSection, people: ReadonlyMap<string, string>): EscalationSection {
  const minutes = escalation.afterMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ESCALATION_MINUTES) refuse(`Caregivers are told after 1 minute to 7 days (${MAX_ESCALATION_MINUTES} minutes) without an acknowledgement.`);
  const pushAddresses: Record<string, string[]> = {};
  for (const [personId, urls] of Object.entries(escalation.pushAddresses)) {
    const name = people.get(personId);
    if (name === undefined) refuse(`There is no one called ${personId} in the household: reload the page and try again.`);
    if (urls.length > MAX_PUSH_ADDRESSES) refuse(`At most ${MAX_PUSH_ADDRESSES} caregiver push addresses for ${name ?? personId}.`);
    const kept = [...new Set(urls.map((url) => url.trim()).filter((url) => url !== ''))];
    for (const url of kept) checkPushAddress(url, `A caregiver push address for ${name ?? personId}`);
    if (kept.length > 0) pushAddresses[personId] = kept;
  }
  return { afterMinutes: minutes, pushAddresses };
}

/**
 * The household's change, checked and made whole, or a ChannelSettingsRefused saying in words what
 * to correct. `people` maps the household's person ids to their names.
 */
export function checkChannelChange(change: AlertChannelsChange, current: ChannelSettingsValues, people: ReadonlyMap<string, string>, newId: () => string): CheckedChange {
  const checked: CheckedChange = {};
  if (change.speech !== undefined) checked.speech = change.speech === null ? null : checkSpeech(change.speech);
  if (change.quietHours !== undefined) checked.quietHours = change.quietHours === null ? null : checkQuietHours(change.quietHours);
  if (change.webhooks !== undefined) checked.webhooks = change.webhooks === null ? null : checkWebhooks(change.webhooks.targets, current.webhooks, newId);
  if (change.mqtt !== undefined) checked.mqtt = change.mqtt === null ? null : { enabled: change.mqtt.enabled };
  if (change.escalation !== undefined) checked.escalation = change.escalation === null ? null : checkEscalation(change.escalation, people);
  if (Object.keys(checked).length === 0) refuse('Nothing to change: send at least one channel’s settings.');
  return checked;
}
