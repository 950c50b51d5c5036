import { ApiError } from '../api/client.js';

/**
 * What a person reads when something they asked for failed: one place that turns the hub's codes
 * and its request checks ("body: must have required property 'scopes'") into sentences.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return apiErrorText(error);
  return sentence(error instanceof Error ? error.message : String(error));
}

/** The fields of the API's request bodies, in the words of the forms that send them. */
const FIELDS: Readonly<Record<string, string>> = {
  scopes: 'what the token may do',
  personIds: 'the people the token reaches',
  name: 'the name',
  displayName: 'the name',
  username: 'the username',
  password: 'the password',
  currentPassword: 'your current password',
  newPassword: 'the new password',
  role: 'the role',
  personId: 'the person',
  grants: 'the people they may see',
  householdName: 'the household name',
  units: 'the units',
  glucoseUnit: 'the glucose unit',
  temperatureUnit: 'the temperature unit',
  timeFormat: 'the time format',
  seconds: 'how long to look for devices',
  userSlots: 'the user slots',
  webhooks: 'the push addresses',
  speech: 'the speaker’s settings',
  quietHours: 'the quiet hours',
  mqtt: 'the MQTT setting',
  escalation: 'the escalation settings',
  channel: 'the channel to test',
};

/** What to say when a field is missing or empty, where "Fill in …" would not fit. */
const MISSING: Readonly<Record<string, string>> = {
  scopes: 'Choose at least one thing the token may do.',
  personIds: 'Choose at least one person, or let the token reach everyone.',
  role: 'Choose a role.',
  personId: 'Choose the person.',
};

/** Sentences for the hub's own refusals, by code, where its words are meant for a developer. */
const CODES: Readonly<Record<string, string>> = {
  username_taken: 'That username is already taken. Choose another.',
  wrong_password: 'The current password is not right.',
  person_required: 'Choose whose readings are theirs, or add them as someone new.',
  malformed_json: 'The hub could not read what this page sent. Reload the page and try again.',
  unsupported_media_type: 'The hub could not read what this page sent. Reload the page and try again.',
  payload_too_large: 'That is too much to send at once.',
  internal_error: 'The hub could not do this. The problem is in its log.',
  alerts_unavailable: 'Alerts are not running on this hub.',
  insights_unavailable: 'Insights are not running on this hub.',
};

function apiErrorText(error: ApiError): string {
  if (error.code === 'invalid_request') return validationText(error.message);
  return CODES[error.code] ?? sentence(error.message);
}

/**
 * The hub's schema checks say `<where>: <field> <what>` ("body: username must match pattern …"),
 * or `<where>:  <what>` for the body itself ("body:  must have required property 'scopes'"), in
 * Ajv's words; a nested field is a path ("grants/0").
 */
function validationText(message: string): string {
  const match = /^(?:body|querystring|params|headers)([/\w.]*):\s*([\w/.]*?)\s*(must\b.*)$/.exec(message);
  if (match === null) return sentence(message);
  const [, where = '', named = '', problem = ''] = match;
  const path = `${where}/${named}`;
  const required = /^must have required property '(\w+)'/.exec(problem);
  const field = required?.[1] ?? path.split(/[/.]/).filter((part) => part !== '' && !/^\d+$/.test(part))[0] ?? '';
  const label = FIELDS[field] ?? (field !== '' ? `"${field}"` : 'this request');
  if (required !== null) return MISSING[field] ?? `Fill in ${label}.`;
  const limit = /must NOT have (fewer|more) than (\d+) (characters|items)/.exec(problem);
  if (limit !== null) {
    const [, side, count = '0', unit] = limit;
    if (side === 'fewer' && (count === '1' || unit === 'items')) return MISSING[field] ?? `Fill in ${label}.`;
    return `${capital(label)} is too ${side === 'fewer' ? 'short' : 'long'}: ${side === 'fewer' ? 'at least' : 'at most'} ${count} ${unit === 'items' ? 'of them' : 'characters'}.`;
  }
  if (problem.startsWith('must match pattern')) {
    return field === 'username' ? 'A username starts with a letter or a digit, and holds only letters, digits and the signs . _ @ and -.' : `${capital(label)} has characters that are not allowed.`;
  }
  if (problem.startsWith('must be equal to one of the allowed values')) return `Choose one of the offered choices for ${label}.`;
  if (problem.startsWith('must NOT have duplicate items')) return `${capital(label)} names something twice.`;
  if (problem.startsWith('must NOT have additional properties')) return 'This page sent something the hub does not know. Reload the page and try again.';
  if (/^must be (integer|number)/.test(problem)) return `${capital(label)} must be a number.`;
  const bound = /^must be ([<>]=?) (-?[\d.]+)/.exec(problem);
  if (bound !== null) return `${capital(label)} must be ${bound[1]?.startsWith('>') === true ? 'at least' : 'at most'} ${bound[2] ?? ''}.`;
  return `The hub did not accept ${label}: ${sentence(problem)}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The hub's words as a sentence: a capital first, a full stop last. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'Something went wrong.';
  return capital(/[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`);
}
