import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox';

/**
 * Building blocks of the config sections. Each part defines its section once, as a TypeBox schema
 * with `default` annotations; its type, its defaults and the JSON schema the file is checked
 * against all come from that one definition.
 */

/** Everything in the config is read-only once loaded. */
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The settings a schema describes, as the parts receive them. */
export type Settings<S extends TSchema> = DeepReadonly<Static<S>>;

type ObjectOptions = Parameters<typeof Type.Object>[1];

/**
 * A section or sub-section of the config. It refuses unknown keys (a typo must stop the hub with
 * the key's name, not be ignored), and a section left out of the file is an empty one, so each of
 * its keys takes its own default.
 */
export function Section<P extends TProperties>(properties: P, options: ObjectOptions = {}): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, default: {}, ...options });
}

/** One entry of a list or map in the config (a person, a port, a rule): unknown keys refused. */
export function Entry<P extends TProperties>(properties: P, options: ObjectOptions = {}): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A map keyed by names the household chooses; `keyPattern` says what a key may look like. */
export function Dictionary<V extends TSchema>(value: V, options: { readonly keyPattern?: string; readonly default?: unknown } = {}) {
  return Type.Record(Type.String(), value, {
    ...(options.keyPattern === undefined ? {} : { propertyNames: { pattern: options.keyPattern } }),
    ...(options.default === undefined ? {} : { default: options.default }),
  });
}

/** A TCP port; 0 asks the system for any free one (tests running several hubs side by side). */
export function Port(defaultPort: number) {
  return Type.Integer({ minimum: 0, maximum: 65535, default: defaultPort });
}

/** `auto` lets the part decide from what the box has (an adapter, a configured device). */
export function AutoOrBoolean(defaultValue: boolean | 'auto') {
  // A bare `const` (not TypeBox's typed literal) so that a wrong value is told "must be boolean" and no more.
  return Type.Union([Type.Boolean(), Type.Unsafe<'auto'>({ const: 'auto' })], { default: defaultValue });
}

/** How the household names people (and the people of shared devices' user slots). */
export const PERSON_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$';

/** Metric ids as the catalogue spells them. */
export const METRIC_ID_PATTERN = '^[a-z][a-z0-9_]{0,63}$';

/** The parts of a schema node that carry or lead to defaults. */
interface DefaultsNode {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, DefaultsNode>>;
  readonly items?: DefaultsNode | readonly DefaultsNode[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fills in what `value` leaves out, in place: a missing key takes its `default` annotation, then
 * objects are filled key by key and list entries one by one. Values of the wrong type are left for
 * validation to name. (TypeBox's Value.Default does the same; this walk spares loading it at start.)
 */
function fill(schema: DefaultsNode, value: unknown): unknown {
  const current = value === undefined && 'default' in schema ? structuredClone(schema.default) : value;
  if (schema.properties !== undefined && isPlainObject(current)) {
    for (const [key, child] of Object.entries(schema.properties)) {
      const filled = fill(child, current[key]);
      if (filled !== undefined) current[key] = filled;
    }
  }
  const items = schema.items;
  if (items !== undefined && !Array.isArray(items) && Array.isArray(current)) {
    current.forEach((item: unknown, i) => (current[i] = fill(items as DefaultsNode, item)));
  }
  return current;
}

/** The settings a schema holds when the file says nothing: every `default` annotation, applied. */
export function defaultsOf<S extends TSchema>(schema: S): Settings<S> {
  return fill(schema, {}) as Settings<S>;
}

/** `value` (left untouched) with the defaults of whatever it leaves out, down to the entries of lists. */
export function withDefaults(schema: TSchema, value: unknown): unknown {
  return fill(schema, structuredClone(value));
}
