import { isMetricId, METRICS } from '../../core/metrics.js';
import type { AlertText } from './alert-record.js';
import type { ResolvedRule } from './rule-book.js';
import type { LocalTime } from './local-time.js';

/** How a metric is said aloud and written in a sentence. */
const SPOKEN_METRICS: Readonly<Record<string, { readonly name: string; readonly unit: string; readonly percent?: boolean }>> = {
  spo2: { name: 'oxygen level', unit: 'percent' },
  heart_rate: { name: 'heart rate', unit: 'beats per minute' },
  pulse_rate: { name: 'pulse', unit: 'beats per minute' },
  body_temperature: { name: 'temperature', unit: 'degrees' },
  bp_systolic: { name: 'blood pressure', unit: 'millimetres of mercury' },
  bp_diastolic: { name: 'lower blood pressure', unit: 'millimetres of mercury' },
  body_weight: { name: 'weight', unit: 'kilograms' },
  glucose: { name: 'blood sugar', unit: 'milligrams per decilitre' },
  respiratory_rate: { name: 'breathing rate', unit: 'breaths per minute' },
  af_probability: { name: 'likelihood of atrial fibrillation', unit: 'percent', percent: true },
  illness_score: { name: 'illness score', unit: '' },
};

export interface TextContext {
  /** The person's name as the household wrote it; undefined for a device nobody wears. */
  readonly personName?: string;
  readonly deviceName?: string;
  readonly time: LocalTime;
}

function spokenMetric(metric: string): { name: string; unit: string; percent?: boolean } {
  const known = SPOKEN_METRICS[metric];
  if (known !== undefined) return known;
  const label = isMetricId(metric) ? (METRICS.get(metric)?.label ?? metric) : metric;
  return { name: label.toLowerCase(), unit: isMetricId(metric) ? (METRICS.get(metric)?.unit ?? '') : '' };
}

function amount(metric: string, value: number): string {
  const said = spokenMetric(metric);
  const decimals = isMetricId(metric) ? (METRICS.get(metric)?.decimals ?? 1) : 1;
  const shown = said.percent === true ? Math.round(value * 100) : Number(value.toFixed(Math.min(decimals, 1)));
  return said.unit === '' ? String(shown) : `${shown} ${said.unit}`;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 90_000) return `${Math.max(1, Math.round(ms / 1000))} seconds`;
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

function whose(context: TextContext): string {
  return context.personName === undefined ? 'The' : `${context.personName}'s`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function theDevice(context: TextContext): string {
  return context.deviceName === undefined ? 'a device' : `the ${context.deviceName}`;
}

/**
 * SleepOracle writes one reading a night, at its end: an alert on one says what the night was, not
 * that a value "went above" a line at a moment.
 */
function nightText(rule: ResolvedRule & { kind: 'threshold' }, context: TextContext, trigger: { value: number; ts: number }): AlertText | undefined {
  const about = context.personName === undefined ? '' : ` — ${context.personName}`;
  const name = context.personName ?? 'The person';
  const line = rule.above ?? 0;
  const night = `the night that ended on ${context.time.dayAndClock(trigger.ts)}`;
  if (rule.metric === 't88' && rule.above !== undefined) {
    const minutes = Math.round(trigger.value);
    return {
      title: `Low oxygen overnight${about}`,
      spoken: `${whose(context)} oxygen level was below 88 percent for ${minutes} minutes last night.`,
      explanation:
        `${name}'s oxygen was below 88 % for ${minutes} minutes in all during ${night}, counting only the time the oximeter read cleanly. ` +
        `The rule "${rule.id}" raises an alert when a night has more than ${line} such minutes, and it clears after a night with no more than that. ` +
        'Long stretches of low oxygen in sleep can come from a breathing disorder, or a lung or heart problem: show a doctor the night on the Sleep page. ' +
        'This is a reading from a home device, not a diagnosis: if it seems wrong, check that the oximeter sat well on the finger.',
    };
  }
  if (rule.metric === 'severe_apnea_nights' && rule.above !== undefined) {
    const nights = Math.round(trigger.value);
    return {
      title: `Breathing disturbed in sleep on ${nights} nights this week${about}`,
      // Said aloud in the room: what to look at, not the finding itself.
      spoken: `${whose(context)} sleep screening has a result to look at on the Sleep page.`,
      explanation:
        `The breathing screening of the chest strap's heartbeat intervals estimated 30 or more apnea–hypopnea events an hour on ${nights} nights in the 7 days up to ${night}. ` +
        `The rule "${rule.id}" raises an alert when more than ${line} nights of 7 days are estimated severe, and it clears once a night screened later counts no more than ${line}. ` +
        'This is a screening aid, not a diagnosis: sleep apnea is confirmed by a sleep study. Show a doctor the nights on the Sleep page.',
    };
  }
  return undefined;
}

/**
 * A missed dose of an important medicine: who, and that it was not recorded; never which medicine,
 * whose name is the person's own and may be said aloud in a room or sent to a phone.
 */
function medicineText(rule: ResolvedRule & { kind: 'threshold' }, context: TextContext, trigger: { value: number; ts: number }): AlertText | undefined {
  if (rule.metric !== 'medicine_missed' || rule.above === undefined) return undefined;
  const doses = Math.round(trigger.value);
  const name = context.personName ?? 'Someone';
  const what = doses === 1 ? 'a dose of a medicine marked important was' : `${doses} doses of medicines marked important were`;
  return {
    title: `An important medicine not taken${context.personName === undefined ? '' : ` — ${context.personName}`}`,
    spoken: `${name} has not recorded an important medicine. Please check on them.`,
    explanation:
      `By ${context.time.dayAndClock(trigger.ts)}, ${what} not recorded as taken or skipped within three hours of the time it was due. ` +
      `The rule "${rule.id}" raises an alert when more than ${rule.above} such doses are outstanding, and it clears once the next dose of an important medicine is recorded. ` +
      'Which medicine stays on the hub, on the person’s Food page, for those who may see it.',
  };
}

export function thresholdText(rule: ResolvedRule & { kind: 'threshold' }, context: TextContext, trigger: { value: number; worst: number; since: number; ts: number }): AlertText {
  const ofNight = nightText(rule, context, trigger) ?? medicineText(rule, context, trigger);
  if (ofNight !== undefined) return ofNight;
  const said = spokenMetric(rule.metric);
  const low = rule.below !== undefined;
  const line = (low ? rule.below : rule.above) ?? 0;
  const clearAt = low ? line + rule.hysteresis : line - rule.hysteresis;
  const how = low ? 'below' : 'above';
  const lasted = trigger.ts - trigger.since;
  const title = `${capitalised(said.name)} ${low ? 'low' : 'high'}${context.personName === undefined ? '' : ` — ${context.personName}`}`;
  const spoken =
    rule.forSeconds > 0
      ? `${whose(context)} ${said.name} has been ${how} ${amount(rule.metric, line)} for ${duration(Math.max(lasted, rule.forSeconds * 1000))}. It is now ${amount(rule.metric, trigger.value)}.`
      : `${whose(context)} ${said.name} is ${amount(rule.metric, trigger.value)}, ${how} ${amount(rule.metric, line)}.`;
  const explanation =
    `${capitalised(said.name)} went ${how} ${amount(rule.metric, line)} at ${context.time.clock(trigger.since)}` +
    (rule.forSeconds > 0 ? ` and stayed there for ${duration(lasted)}` : '') +
    `; the ${low ? 'lowest' : 'highest'} value was ${amount(rule.metric, trigger.worst)}. ` +
    `The rule "${rule.id}" raises an alert when it is ${how} ${amount(rule.metric, line)}` +
    (rule.forSeconds > 0 ? ` for ${duration(rule.forSeconds * 1000)}` : '') +
    `, and it clears once it is back at ${amount(rule.metric, clearAt)} or ${low ? 'more' : 'less'}. ` +
    'This is a reading from a home device, not a diagnosis: if it seems wrong, check the sensor; if it seems right, seek medical advice.';
  return { title, spoken, explanation };
}

export function rateText(rule: ResolvedRule & { kind: 'rate' }, context: TextContext, from: { ts: number; value: number }, to: { ts: number; value: number }): AlertText {
  const said = spokenMetric(rule.metric);
  const verb = rule.direction === 'rise' ? 'gone up' : 'gone down';
  const change = Math.abs(to.value - from.value);
  const title = `${capitalised(said.name)} ${rule.direction === 'rise' ? 'rising' : 'falling'} fast${context.personName === undefined ? '' : ` — ${context.personName}`}`;
  const spoken = `${whose(context)} ${said.name} has ${verb} by ${amount(rule.metric, change)} in ${duration(to.ts - from.ts)}.`;
  const explanation =
    `${capitalised(said.name)} was ${amount(rule.metric, from.value)} on ${context.time.dayAndClock(from.ts)} and ${amount(rule.metric, to.value)} on ${context.time.dayAndClock(to.ts)}. ` +
    `The rule "${rule.id}" raises an alert for a change of ${amount(rule.metric, rule.change)} or more within ${duration(rule.withinHours * 3_600_000)}. ` +
    (rule.metric === 'body_weight' ? 'A quick gain can mean fluid retention; people with heart failure are often asked to report it. ' : '') +
    'This is a reading from a home device, not a diagnosis.';
  return { title, spoken, explanation };
}

export function silenceText(rule: ResolvedRule & { kind: 'no_data' }, context: TextContext, lastTs: number): AlertText {
  const device = theDevice(context);
  const owner = context.personName === undefined ? '' : ` of ${context.personName}`;
  return {
    title: `${capitalised(context.deviceName ?? 'device')} silent${context.personName === undefined ? '' : ` — ${context.personName}`}`,
    spoken: `${capitalised(device)}${owner} has been silent since ${context.time.clock(lastTs)}.`,
    explanation:
      `No reading has arrived from ${device}${owner} since ${context.time.dayAndClock(lastTs)}. ` +
      `The rule "${rule.id}" raises an alert after ${duration(rule.afterHours * 3_600_000)} of silence. ` +
      'Check that it is worn or switched on, charged and within reach of the hub.',
  };
}

export function batteryText(rule: ResolvedRule & { kind: 'battery' }, context: TextContext, level: number): AlertText {
  const device = theDevice(context);
  const owner = context.personName === undefined ? '' : ` of ${context.personName}`;
  return {
    title: `Battery low: ${context.deviceName ?? 'device'}`,
    spoken: `The battery of ${device}${owner} is at ${Math.round(level)} percent.`,
    explanation: `${capitalised(device)}${owner} reported ${Math.round(level)} % battery, below ${rule.below} %. Charge or replace it so that readings do not stop.`,
  };
}

export function unavailableText(rule: ResolvedRule & { kind: 'unavailable' }, context: TextContext, since: number): AlertText {
  const device = theDevice(context);
  const owner = context.personName === undefined ? '' : ` of ${context.personName}`;
  return {
    title: `Device unavailable: ${context.deviceName ?? 'device'}`,
    spoken: `${capitalised(device)}${owner} has not been reachable since ${context.time.clock(since)}.`,
    explanation:
      `The hub lost ${device}${owner} at ${context.time.dayAndClock(since)}` +
      (rule.afterMinutes > 0 ? ` and has not found it again for ${duration(rule.afterMinutes * 60_000)}` : '') +
      '. It may be out of range, switched off or out of battery.',
  };
}
