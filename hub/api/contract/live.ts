import Type, { type Static } from 'typebox';
import { ChangedAlert } from './alerts.js';
import { ErrorBody } from '../../http/error-body.js';
import { Metric, Nullable, ReadonlyList } from './primitives.js';
import { Role } from './users.js';

/**
 * `WS /api/v1/live`: the messages of the dashboard's live socket. Every message the hub sends
 * carries the next `id`, so a client sees a gap where messages were dropped; `dropped` then says
 * how many.
 */

/** A reading as the ingest gate accepted it, in the metric's canonical unit. */
export const LiveReading = Type.Object(
  {
    metric: Metric,
    value: Type.Number(),
    unit: Type.String(),
    ts: Type.Number(),
    deviceId: Type.String(),
    /** Absent while the device belongs to no one. */
    personId: Type.Optional(Type.String()),
    tsSource: Type.Union([Type.Literal('device'), Type.Literal('hub')]),
    /** Quality and context marks (`questionable`, `cuff_loose`…); newer drivers add their own. */
    flags: Type.Optional(ReadonlyList(Type.String())),
  },
  { additionalProperties: false },
);
export type LiveReading = Static<typeof LiveReading>;

const id = Type.Number();

/** The socket is authenticated (by its session cookie, or by a token sent first). */
export const LiveReady = Type.Object(
  { id, type: Type.Literal('ready'), user: Type.Object({ id: Type.String(), role: Role, personId: Nullable(Type.String()) }, { additionalProperties: false }) },
  { additionalProperties: false },
);

/** The subscription holds: these people (all the user may see when not named), these metrics (null: all). */
export const LiveSubscribed = Type.Object(
  { id, type: Type.Literal('subscribed'), personIds: ReadonlyList(Type.String()), metrics: Nullable(ReadonlyList(Type.String())) },
  { additionalProperties: false },
);

export const LiveUnsubscribed = Type.Object({ id, type: Type.Literal('unsubscribed') }, { additionalProperties: false });
export const LivePong = Type.Object({ id, type: Type.Literal('pong') }, { additionalProperties: false });

/** A message the hub could not act on; `unauthenticated` is followed by the socket closing. */
export const LiveError = Type.Object({ id, type: Type.Literal('error'), ...ErrorBody.properties }, { additionalProperties: false });

/** A new reading, or with `latest` one of the newest readings sent right after a subscription that asked for them. */
export const LiveReadingMessage = Type.Object(
  { id, type: Type.Literal('reading'), reading: LiveReading, latest: Type.Optional(Type.Literal(true)) },
  { additionalProperties: false },
);

/** A device came back or went quiet. */
export const LiveDeviceAvailability = Type.Object(
  {
    id,
    type: Type.Literal('device'),
    event: Type.Literal('availability'),
    deviceId: Type.String(),
    available: Type.Boolean(),
    ts: Type.Number(),
    device: Type.Object({ id: Type.String(), available: Type.Boolean(), lastSeen: Type.Number() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** A link to a device was made or ended. */
export const LiveDeviceConnection = Type.Object(
  {
    id,
    type: Type.Literal('device'),
    event: Type.Literal('connection'),
    deviceId: Type.String(),
    connected: Type.Boolean(),
    ts: Type.Number(),
    device: Type.Object({ id: Type.String(), connected: Type.Boolean() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** A device reported a condition of its own (low battery, no finger, cuff error…). */
export const LiveDeviceStatus = Type.Object(
  {
    id,
    type: Type.Literal('device'),
    event: Type.Literal('status'),
    deviceId: Type.String(),
    code: Type.String(),
    message: Type.String(),
    ts: Type.Number(),
    device: Type.Object({ id: Type.String(), status: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** An alert was raised, notified, acknowledged, resolved…, with `change` saying which. */
export const LiveAlert = Type.Object({ id, type: Type.Literal('alert'), alert: ChangedAlert }, { additionalProperties: false });

/** Messages were dropped because the client did not keep up; their ids are the gap before this one. */
export const LiveDropped = Type.Object({ id, type: Type.Literal('dropped'), count: Type.Number() }, { additionalProperties: false });

/** Every message the hub sends on the live socket. */
export const LiveMessage = Type.Union([
  LiveReady,
  LiveSubscribed,
  LiveUnsubscribed,
  LivePong,
  LiveError,
  LiveReadingMessage,
  LiveDeviceAvailability,
  LiveDeviceConnection,
  LiveDeviceStatus,
  LiveAlert,
  LiveDropped,
]);
export type LiveMessage = Static<typeof LiveMessage>;
export type LiveMessageType = LiveMessage['type'];

const people = Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 100 })));

/**
 * What a client sends. The socket checks these by hand, so that every mistake gets an `error`
 * message rather than a closed socket; the schema says what it accepts.
 */
export const LiveClientMessage = Type.Union([
  /** Authenticates a socket opened without a session cookie. */
  Type.Object({ type: Type.Literal('auth'), token: Type.String() }),
  /** People and metrics to receive (each absent or null: everything the user may see). */
  Type.Object({ type: Type.Literal('subscribe'), personIds: people, metrics: Type.Optional(Nullable(Type.Array(Metric, { maxItems: 100 }))), latest: Type.Optional(Type.Boolean()) }),
  Type.Object({ type: Type.Literal('unsubscribe') }),
  Type.Object({ type: Type.Literal('ping') }),
]);
export type LiveClientMessage = Static<typeof LiveClientMessage>;
