import Type, { type TArrayOptions, type TEnum, type TSchema, type TSchemaOptions } from 'typebox';
import { METRIC_IDS } from '../../../core/metrics.js';

/**
 * The pieces every resource of the API contract is built from. Each schema is plain JSON schema
 * (the request schemas are checked by Fastify's own Ajv, so their messages stay Ajv's), and each
 * carries its TypeScript type for the routes and the dashboard.
 */

/** A string of fixed choices, checked as a string first so that a wrong type says "must be string". */
export function StringEnum<const Values extends readonly string[]>(values: Values, options: TSchemaOptions = {}): TEnum<[...Values]> {
  return Type.Enum<[...Values]>(values, { ...options, type: 'string' });
}

/** An array the receiver reads but never changes: the hub hands out its own readonly lists. */
export function ReadonlyList<Item extends TSchema>(items: Item, options: TArrayOptions = {}) {
  return Type.Immutable(Type.Array(items, options));
}

/** Either the value or JSON null (a field the hub always sends, null when it has nothing). */
export function Nullable<Value extends TSchema>(value: Value) {
  return Type.Union([value, Type.Null()]);
}

/** Ids of people, users and tokens: safe in URLs, logs and MQTT topics. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$' });
/** Device ids come from radios and gateways (MAC addresses, vendor serials): only their length is bounded. */
export const DeviceId = Type.String({ minLength: 1, maxLength: 128 });
export const Metric = StringEnum(METRIC_IDS);
/** Milliseconds since the epoch, UTC, within the range a JavaScript Date can hold. */
export const Time = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000 });
/** A local date, YYYY-MM-DD; whether it is a day of the calendar the route checks (isCalendarDate). */
export const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const PersonIdList = Type.Array(Id, { maxItems: 100, uniqueItems: true });

/** `/:id` of a resource: any id the hub may have made, bounded in length. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
