import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { Accounts } from '../../hub/accounts/accounts.js';
import { alertsPartFactory } from '../../hub/alerts/alerts-part.js';
import { healthquestPart } from '../../hub/apps/healthquest/healthquest-part.js';
import { nutriversePart } from '../../hub/apps/nutriverse/nutriverse-part.js';
import type { Role, TokenScope } from '../../hub/accounts/roles.js';
import { SETUP_STEPS } from '../../hub/accounts/setup-progress.js';
import type { User } from '../../hub/accounts/user-store.js';
import { ApiClient, TEST_SCRYPT, addUser, onboardOwner, startApiHub, type ApiHub } from './api-harness.js';

/**
 * The privilege matrix: every role, with its login session and with tokens of every scope and
 * person limit, tries every write route in the ways that would widen what it holds. After each
 * request the household's accounts, tokens, devices, settings, people and readings are compared
 * with before, and every change must lie within what the acting credential holds, by this file's
 * own model of the rules (written apart from the hub's, so that one mistake is not made twice).
 */

const ALL_SCOPES: readonly TokenScope[] = ['read', 'write', 'ingest', 'admin'];
const ROLE_SCOPES: Readonly<Record<Role, readonly TokenScope[]>> = { owner: ALL_SCOPES, member: ['read', 'write'], caregiver: ['read', 'write'], viewer: ['read'] };
const ROLE_RANK: Readonly<Record<Role, number>> = { owner: 3, member: 2, caregiver: 1, viewer: 0 };
/** Each scope alone, all of them, and the shape the probe used (admin with read and write). */
const SCOPE_SETS: readonly (readonly TokenScope[])[] = [['read'], ['write'], ['ingest'], ['admin'], ['read', 'write', 'admin'], ALL_SCOPES];
const PERSON_LIMITS: readonly (readonly string[] | undefined)[] = [undefined, ['alex'], ['gran']];

/** What a credential holds, in this test's own terms. */
interface Held {
  readonly role: Role;
  readonly scopes: ReadonlySet<TokenScope>;
  /** null: everyone, and the devices and readings of nobody. */
  readonly people: ReadonlySet<string> | null;
  readonly unassigned: boolean;
}

function heldBy(account: { role: Role; personId?: string | undefined; grants?: readonly string[] }, scopes: readonly TokenScope[] = ALL_SCOPES, limit?: readonly string[]): Held {
  const own = account.role === 'owner' ? null : new Set(account.role === 'member' ? (account.personId === undefined ? [] : [account.personId]) : (account.grants ?? []));
  const people = limit === undefined ? own : new Set(limit.filter((id) => own === null || own.has(id)));
  return {
    role: account.role,
    scopes: new Set(scopes.filter((s) => ROLE_SCOPES[account.role].includes(s))),
    people,
    unassigned: (account.role === 'owner' || account.role === 'member') && limit === undefined,
  };
}

function within(actor: Held, thing: Held): string | undefined {
  if (ROLE_RANK[thing.role] > ROLE_RANK[actor.role]) return `role ${thing.role} above ${actor.role}`;
  for (const s of thing.scopes) if (!actor.scopes.has(s)) return `scope ${s}`;
  if (thing.people === null && actor.people !== null) return 'everyone';
  if (thing.people !== null && actor.people !== null) for (const id of thing.people) if (!actor.people.has(id)) return `person ${id}`;
  if (thing.unassigned && !actor.unassigned) return 'the unassigned devices';
  return undefined;
}

const reachesPerson = (actor: Held, id: string | undefined): boolean => (id === undefined ? actor.unassigned : actor.people === null || actor.people.has(id));

interface Snapshot {
  readonly users: Map<string, { role: Role; personId?: string; grants: readonly string[] }>;
  readonly tokens: Map<string, { userId: string; scopes: readonly TokenScope[]; personIds?: readonly string[] }>;
  readonly devices: Map<string, { people: readonly string[]; text: string }>;
  readonly settings: string;
  readonly setup: string;
  /** The alert channels as they apply, and how many tests the speaker has said. */
  readonly channels: string;
  readonly people: ReadonlySet<string>;
  /** Each goal: whose, and everything about it (target, days declared missed). */
  readonly goals: ReadonlyMap<string, { personId: string; text: string }>;
  /** Each household challenge and who takes part. */
  readonly challenges: ReadonlyMap<string, readonly string[]>;
  /** Each food journal entry: whose, and whether it was taken back. */
  readonly journal: ReadonlyMap<string, { personId: string; text: string }>;
  /** Each medicine: whose, and everything about it with its recorded doses. */
  readonly medicines: ReadonlyMap<string, { personId: string; text: string }>;
}

/** Test sentences the hub's speaker was given (a test send is the owner's to make, like a change of channels). */
const spokenTests: string[] = [];

/** The channels' settings, without what follows from the household (warnings, caregiver accounts per person). */
function channelSettings(api: ApiHub): string {
  const state = api.hub.context.services.alertChannels.current()?.read();
  if (state === undefined) throw new Error('the alerts part is not running');
  const { warnings: _warnings, escalation, ...sections } = state;
  const { caregiverAccounts: _accounts, ...escalationSettings } = escalation;
  return JSON.stringify({ ...sections, escalation: escalationSettings, spoken: spokenTests.length });
}

function snapshot(api: ApiHub, accounts: Accounts): Snapshot {
  const devices = new Map<string, { people: readonly string[]; text: string }>();
  for (const d of api.hub.context.registry.listDevices()) {
    const people = [...new Set([...(d.personId !== undefined ? [d.personId] : []), ...Object.values(d.userSlots)])];
    devices.set(d.id, { people, text: JSON.stringify({ name: d.name, personId: d.personId, userSlots: d.userSlots }) });
  }
  return {
    users: new Map(accounts.users.list().map((u) => [u.id, { role: u.role, ...(u.personId !== undefined ? { personId: u.personId } : {}), grants: u.grants }])),
    tokens: new Map(accounts.tokens.list().map((tk) => [tk.id, { userId: tk.userId, scopes: tk.scopes, ...(tk.personIds !== undefined ? { personIds: tk.personIds } : {}) }])),
    devices,
    settings: JSON.stringify(accounts.settings.read()),
    setup: JSON.stringify(accounts.setup.read()),
    channels: channelSettings(api),
    people: new Set(api.hub.context.registry.listPeople().map((p) => p.id)),
    goals: new Map(
      api.hub.store.db
        .prepare<[], { id: string; person_id: string; target: number; declared: string | null }>(
          "SELECT g.id, g.person_id, g.target, (SELECT group_concat(date) FROM healthquest_day d WHERE d.goal_id = g.id AND d.declared_missed = 1) AS declared FROM healthquest_goal g",
        )
        .all()
        .map((g) => [g.id, { personId: g.person_id, text: `${g.target} ${g.declared ?? ''}` }]),
    ),
    challenges: new Map(
      api.hub.store.db
        .prepare<[], { id: string; members: string }>('SELECT c.id, (SELECT group_concat(person_id) FROM healthquest_challenge_member m WHERE m.challenge_id = c.id) AS members FROM healthquest_challenge c')
        .all()
        .map((c) => [c.id, c.members.split(',')]),
    ),
    journal: new Map(
      api.hub.store.db
        .prepare<[], { id: string; person_id: string; removed: number | null }>('SELECT id, person_id, removed FROM nutriverse_entry')
        .all()
        .map((e) => [e.id, { personId: e.person_id, text: e.removed === null ? 'kept' : 'taken back' }]),
    ),
    medicines: new Map(
      api.hub.store.db
        .prepare<[], { id: string; person_id: string; text: string }>(
          "SELECT m.id, m.person_id, m.name || m.dose || m.times || m.important || coalesce(m.stopped, '') || coalesce((SELECT group_concat(d.date || d.time || d.status || d.at) FROM nutriverse_dose d WHERE d.medicine_id = m.id), '') AS text FROM nutriverse_medicine m",
        )
        .all()
        .map((m) => [m.id, { personId: m.person_id, text: m.text }]),
    ),
  };
}

/** Every change between two snapshots that the actor did not hold the right to make. */
function escalations(actor: Held, before: Snapshot, after: Snapshot, readingsFor: readonly (string | undefined)[]): string[] {
  const found: string[] = [];
  const note = (what: string, why: string | undefined): void => {
    if (why !== undefined) found.push(`${what}: ${why}`);
  };
  const userHeld = (u: { role: Role; personId?: string; grants: readonly string[] }): Held => heldBy(u);
  for (const [id, user] of after.users) {
    const old = before.users.get(id);
    if (old === undefined) note(`created user ${id} (${user.role})`, within(actor, userHeld(user)));
    else if (JSON.stringify(old) !== JSON.stringify(user)) note(`changed user ${id}`, within(actor, userHeld(old)) ?? within(actor, userHeld(user)));
  }
  for (const [id, user] of before.users) if (!after.users.has(id)) note(`removed user ${id}`, within(actor, userHeld(user)));
  const tokenHeld = (snap: Snapshot, tk: { userId: string; scopes: readonly TokenScope[]; personIds?: readonly string[] }): Held => {
    const maker = snap.users.get(tk.userId);
    return maker === undefined ? heldBy({ role: 'viewer', grants: [] }, []) : heldBy(maker, tk.scopes, tk.personIds);
  };
  for (const [id, tk] of after.tokens) if (!before.tokens.has(id)) note(`created token ${id}`, within(actor, tokenHeld(after, tk)));
  for (const [id, tk] of before.tokens) if (!after.tokens.has(id)) note(`revoked token ${id}`, within(actor, tokenHeld(before, tk)));
  for (const [id, device] of before.devices) {
    const now = after.devices.get(id);
    if (now !== undefined && now.text === device.text) continue;
    const touched = [...device.people, ...(now?.people ?? [])];
    if (!actor.scopes.has('write')) note(`changed device ${id}`, 'no write scope');
    if (actor.role === 'caregiver' || actor.role === 'viewer') note(`changed device ${id}`, `${actor.role}s only read`);
    if (touched.length === 0 && !actor.unassigned) note(`changed device ${id}`, 'the unassigned devices');
    for (const person of touched) if (!reachesPerson(actor, person)) note(`changed device ${id}`, `person ${person}`);
    if (actor.role === 'member') for (const person of touched) if (actor.people?.has(person) !== true) note(`changed device ${id}`, `a member changed ${person}'s device`);
  }
  // Goals: set by the owner for anyone it reaches, by a member for themselves, with the write scope.
  const goalTouched = [...new Set([...before.goals.keys(), ...after.goals.keys()])].filter((id) => before.goals.get(id)?.text !== after.goals.get(id)?.text);
  for (const id of goalTouched) {
    const person = (after.goals.get(id) ?? before.goals.get(id))?.personId;
    if (!actor.scopes.has('write')) note(`changed goal ${id}`, 'no write scope');
    if (actor.role === 'caregiver' || actor.role === 'viewer') note(`changed goal ${id}`, `${actor.role}s only read`);
    if (!reachesPerson(actor, person)) note(`changed goal ${id}`, `person ${person ?? 'nobody'}`);
  }
  // Challenges: the household's, set and ended by the owner with the write scope, for people it reaches.
  const challengeTouched = [...new Set([...before.challenges.keys(), ...after.challenges.keys()])].filter((id) => before.challenges.has(id) !== after.challenges.has(id));
  for (const id of challengeTouched) {
    if (!actor.scopes.has('write')) note(`set or ended challenge ${id}`, 'no write scope');
    if (actor.role !== 'owner') note(`set or ended challenge ${id}`, `a ${actor.role} may not`);
    for (const person of after.challenges.get(id) ?? before.challenges.get(id) ?? []) if (!reachesPerson(actor, person)) note(`set or ended challenge ${id}`, `person ${person}`);
  }
  // A food journal: written by the person (a member for themselves) or the owner, with the write scope.
  const entryTouched = [...new Set([...before.journal.keys(), ...after.journal.keys()])].filter((id) => before.journal.get(id)?.text !== after.journal.get(id)?.text);
  for (const id of entryTouched) {
    const person = (after.journal.get(id) ?? before.journal.get(id))?.personId;
    if (!actor.scopes.has('write')) note(`changed journal entry ${id}`, 'no write scope');
    if (actor.role === 'caregiver' || actor.role === 'viewer') note(`changed journal entry ${id}`, `${actor.role}s only read`);
    if (!reachesPerson(actor, person)) note(`changed journal entry ${id}`, `person ${person ?? 'nobody'}`);
  }
  // Medicines and their doses: kept by the person (a member for themselves) or the owner, with the write scope.
  const medicineTouched = [...new Set([...before.medicines.keys(), ...after.medicines.keys()])].filter((id) => before.medicines.get(id)?.text !== after.medicines.get(id)?.text);
  for (const id of medicineTouched) {
    const person = (after.medicines.get(id) ?? before.medicines.get(id))?.personId;
    if (!actor.scopes.has('write')) note(`changed medicine ${id}`, 'no write scope');
    if (actor.role === 'caregiver' || actor.role === 'viewer') note(`changed medicine ${id}`, `${actor.role}s only read`);
    if (!reachesPerson(actor, person)) note(`changed medicine ${id}`, `person ${person ?? 'nobody'}`);
  }
  const householdAdmin = actor.role === 'owner' && actor.scopes.has('admin') && actor.people === null;
  if (before.settings !== after.settings && !householdAdmin) found.push('changed the household settings');
  if (before.channels !== after.channels && !householdAdmin) found.push('changed or tested the alert channels');
  if (before.setup !== after.setup && !householdAdmin) found.push('moved the first-run setup');
  if (after.people.size > before.people.size && !(actor.role === 'owner' && actor.scopes.has('admin'))) found.push('added a person');
  if ([...before.people].some((id) => !after.people.has(id)) && !(householdAdmin && actor.scopes.has('write'))) found.push('removed a person');
  for (const person of readingsFor) {
    if (!actor.scopes.has('ingest')) found.push('sent readings without the ingest scope');
    if (!reachesPerson(actor, person)) found.push(`sent readings for ${person ?? 'nobody'}`);
  }
  return found;
}

interface Actor {
  readonly name: string;
  readonly held: Held;
  /** A fresh client for one attempt (a new session for session actors, so logging out harms none). */
  client(): ApiClient;
}

type Send = (client: ApiClient) => Promise<{ status: number }>;
/** One try at a write route: `prepare` makes what it acts on (before the household is compared) and returns the request. */
type Attempt = { readonly route: string; readonly label: string; prepare(): Send };

let serial = 0;
const ZONES = ['Europe/Berlin', 'Asia/Tokyo', 'America/Chicago'];
const unique = (prefix: string): string => `${prefix}${++serial}`;

/**
 * The household every matrix runs in: the owner, a member, a caregiver of gran and a viewer of
 * alex, each with a login session and with tokens of every scope set and person limit. The alerts
 * part runs too, with a speaker that only notes what it was asked to say.
 */
async function matrixHousehold(t: Test): Promise<{ api: ApiHub; owner: ApiClient; accounts: Accounts; actors: Actor[]; everyone: string[]; byName: (username: string) => User }> {
  const speaker = { speak: async (text: string) => (spokenTests.push(text), { file: 'test.wav', played: true }) };
  const api = await startApiHub({ consumers: [alertsPartFactory({ speaker }), healthquestPart, nutriversePart] });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const ownerPerson = ((await owner.get('/api/v1/me')).body as { user: { personId: string } }).user.personId;
  await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['gran'] });
  await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  const clock = { now: () => Date.now() };
  const accounts = new Accounts({
    db: api.hub.store.db,
    clock,
    sessions: { idleMs: 3_600_000, absoluteMs: 3_600_000 },
    login: { maxFailuresPerUser: 5, maxFailuresPerAddress: 20, maxUntrustedFailuresPerUser: 20, windowMs: 900_000, lockMs: 900_000 },
    trustedDeviceMs: 86_400_000,
    scryptCost: TEST_SCRYPT,
  });
  const everyone = ['alex', 'sam', 'gran', ownerPerson];
  const byName = (username: string): User => {
    const found = accounts.users.list().find((u) => u.username === username);
    if (found === undefined) throw new Error(`no user ${username}`);
    return found;
  };

  const actors: Actor[] = [];
  for (const username of ['owner', 'alex', 'carer', 'viewer']) {
    const user = byName(username);
    actors.push({
      name: `${username} (${user.role}) session`,
      held: heldBy(user),
      client: () => {
        const session = accounts.sessions.issue(user.id);
        const client = new ApiClient(api.base);
        client.cookie = `hearth_session=${session.sessionId}`;
        client.csrf = session.csrfToken;
        return client;
      },
    });
    for (const scopes of SCOPE_SETS) {
      for (const limit of PERSON_LIMITS) {
        const { token } = accounts.tokens.create(user.id, 'matrix', scopes, limit);
        actors.push({
          name: `${username} (${user.role}) token [${scopes.join(',')}]${limit === undefined ? '' : ` for ${limit.join(',')}`}`,
          held: heldBy(user, scopes, limit),
          client: () => {
            const client = new ApiClient(api.base);
            client.token = token;
            return client;
          },
        });
      }
    }
  }

  return { api, owner, accounts, actors, everyone, byName };
}

t.test('privilege matrix: no credential makes, widens or reaches beyond what it holds', async (t) => {
  const { api, accounts, actors, everyone, byName } = await matrixHousehold(t);

  /** A fresh account to act on, made outside the API so that every attempt starts from the same state. */
  const victim = (role: Role, grants: readonly string[] = [], personId?: string): User =>
    accounts.users.create({ username: unique(`victim-${role}-`), displayName: 'Victim', role, grants, passwordHash: 'scrypt$1$1$1$x$x', ...(personId !== undefined ? { personId } : {}) });
  const freshDevice = (personId?: string): string => {
    const id = unique('matrix-device-');
    api.hub.context.registry.noteDeviceSeen(id, 'test');
    if (personId !== undefined) api.hub.context.registry.assignDevice(id, personId);
    return id;
  };
  const send = (method: string, path: string, body?: unknown) => (client: ApiClient) => client.request(method, path, body);
  const goals = () => {
    const view = api.hub.context.services.goals.current();
    if (view === undefined) throw new Error('the healthquest part is not running');
    return view;
  };
  const journal = () => {
    const view = api.hub.context.services.foodJournal.current();
    if (view === undefined) throw new Error('the nutriverse part is not running');
    return view;
  };
  const medicines = () => {
    const view = api.hub.context.services.medicines.current();
    if (view === undefined) throw new Error('the nutriverse part is not running');
    return view;
  };
  const graphql = (query: string) => (client: ApiClient) => client.request('POST', '/graphql', { query });
  const readings = { readings: [{ metric: 'heart_rate', value: 64, ts: Date.now() - 60_000 }] };

  const attempts = (): Attempt[] => [
    ...(['owner', 'member', 'caregiver', 'viewer'] as const).flatMap((role): Attempt[] => [
      {
        route: 'POST /api/v1/users',
        label: `create ${role} with everyone`,
        prepare: () => send('POST', '/api/v1/users', {
          username: unique(`new-${role}-`),
          password: 'a long enough password',
          displayName: 'New',
          role,
          ...(role === 'caregiver' || role === 'viewer' ? { grants: everyone } : {}),
          ...(role === 'member' ? { personId: 'sam' } : {}),
        }),
      },
    ]),
    { route: 'POST /api/v1/users', label: 'create a caregiver for alex', prepare: () => send('POST', '/api/v1/users', { username: unique('carer-alex-'), password: 'a long enough password', displayName: 'C', role: 'caregiver', grants: ['alex'] }) },
    { route: 'POST /api/v1/users', label: 'create a member with a new person', prepare: () => send('POST', '/api/v1/users', { username: unique('member-new-'), password: 'a long enough password', displayName: 'M', role: 'member' }) },
    { route: 'PUT /api/v1/users/:id/grants', label: 'widen a caregiver to everyone', prepare: () => {
        const target = victim('caregiver', ['gran']).id;
        return (c) => c.request('PUT', `/api/v1/users/${target}/grants`, { grants: everyone });
      }, },
    { route: 'PUT /api/v1/users/:id/grants', label: "move a caregiver of gran to alex", prepare: () => {
        const target = victim('caregiver', ['gran']).id;
        return (c) => c.request('PUT', `/api/v1/users/${target}/grants`, { grants: ['alex'] });
      }, },
    { route: 'PUT /api/v1/users/:id/grants', label: 'widen a viewer of alex to sam', prepare: () => {
        const target = victim('viewer', ['alex']).id;
        return (c) => c.request('PUT', `/api/v1/users/${target}/grants`, { grants: ['alex', 'sam'] });
      }, },
    { route: 'DELETE /api/v1/users/:id', label: 'remove a caregiver of sam', prepare: () => {
        const target = victim('caregiver', ['sam']).id;
        return (c) => c.request('DELETE', `/api/v1/users/${target}`);
      }, },
    { route: 'DELETE /api/v1/users/:id', label: 'remove another owner', prepare: () => {
        const target = victim('owner').id;
        return (c) => c.request('DELETE', `/api/v1/users/${target}`);
      }, },
    { route: 'POST /api/v1/tokens', label: 'mint a full token', prepare: () => send('POST', '/api/v1/tokens', { name: 'full', scopes: ALL_SCOPES }) },
    { route: 'POST /api/v1/tokens', label: 'mint a read token for alex', prepare: () => send('POST', '/api/v1/tokens', { name: 'alex', scopes: ['read'], personIds: ['alex'] }) },
    { route: 'DELETE /api/v1/tokens/:id', label: "revoke the owner's full token", prepare: () => {
        const target = accounts.tokens.create(byName('owner').id, 'victim', ALL_SCOPES).info.id;
        return (c) => c.request('DELETE', `/api/v1/tokens/${target}`);
      }, },
    { route: 'PATCH /api/v1/settings', label: 'rename the household', prepare: () => send('PATCH', '/api/v1/settings', { householdName: unique('House ') }) },
    { route: 'PATCH /api/v1/settings', label: 'move the household to another time zone', prepare: () => send('PATCH', '/api/v1/settings', { timeZone: ZONES[Number(unique('')) % ZONES.length] }) },
    { route: 'PUT /api/v1/setup', label: 'move the first-run setup on', prepare: () => send('PUT', '/api/v1/setup', { step: SETUP_STEPS[Number(unique('')) % SETUP_STEPS.length], done: false }) },
    { route: 'POST /api/v1/demo/remove', label: 'remove the demo household', prepare: () => {
        // A simulated person with a device of theirs, made fresh so that every attempt has something to remove.
        const personId = unique('demo-person-');
        api.hub.context.registry.savePerson({ id: personId, name: 'Demo' });
        const deviceId = freshDevice(personId);
        api.hub.context.registry.simulated.note({ personIds: [personId], deviceIds: [deviceId] });
        return send('POST', '/api/v1/demo/remove');
      }, },
    { route: 'PUT /api/v1/alert-channels', label: 'silence the speaker and push alerts elsewhere', prepare: () => send('PUT', '/api/v1/alert-channels', {
        speech: { enabled: false, device: '', voice: 'en', minSeverity: 'critical' },
        webhooks: { targets: [{ url: `https://ntfy.example/${unique('topic-')}`, format: 'ntfy', minSeverity: 'info' }] },
      }) },
    { route: 'PUT /api/v1/alert-channels', label: 'send the caregivers’ escalations elsewhere', prepare: () => send('PUT', '/api/v1/alert-channels', { escalation: { afterMinutes: 1, pushAddresses: { alex: [`https://ntfy.example/${unique('carer-')}`] } } }) },
    { route: 'POST /api/v1/alert-channels/test', label: 'speak a test on the hub’s speaker', prepare: () => send('POST', '/api/v1/alert-channels/test', { channel: 'speech' }) },
    { route: 'POST /api/v1/people', label: 'add a person', prepare: () => send('POST', '/api/v1/people', { name: unique('Person ') }) },
    { route: 'PATCH /api/v1/devices/:id', label: "give alex's device to sam", prepare: () => {
        const target = freshDevice('alex');
        return (c) => c.request('PATCH', `/api/v1/devices/${target}`, { personId: 'sam' });
      }, },
    { route: 'PATCH /api/v1/devices/:id', label: 'claim a loose device for alex', prepare: () => {
        const target = freshDevice();
        return (c) => c.request('PATCH', `/api/v1/devices/${target}`, { personId: 'alex' });
      }, },
    { route: 'PATCH /api/v1/devices/:id', label: "rename gran's device", prepare: () => {
        const target = freshDevice('gran');
        return (c) => c.request('PATCH', `/api/v1/devices/${target}`, { name: 'renamed' });
      }, },
    { route: 'PATCH /api/v1/devices/:id', label: "share sam's scale slot with alex", prepare: () => {
        const target = freshDevice('sam');
        return (c) => c.request('PATCH', `/api/v1/devices/${target}`, { userSlots: { '1': 'alex' } });
      }, },
    { route: 'DELETE /api/v1/devices/:id', label: "forget sam's device", prepare: () => {
        const target = freshDevice('sam');
        return (c) => c.request('DELETE', `/api/v1/devices/${target}`);
      }, },
    { route: 'DELETE /api/v1/devices/:id', label: 'forget a loose device', prepare: () => {
        const target = freshDevice();
        return (c) => c.request('DELETE', `/api/v1/devices/${target}`);
      }, },
    { route: 'POST /api/v1/goals', label: 'set a steps goal for alex', prepare: () => send('POST', '/api/v1/goals', { personId: 'alex', template: 'steps', target: 6000 }) },
    { route: 'POST /api/v1/goals', label: 'set a goal for gran', prepare: () => send('POST', '/api/v1/goals', { personId: 'gran', template: 'bp_twice' }) },
    { route: 'PATCH /api/v1/goals/:id', label: "lower gran's steps target", prepare: () => {
        const goal = goals().add('gran', 'steps', 9000);
        return (c) => c.request('PATCH', `/api/v1/goals/${goal.id}`, { target: 500 });
      }, },
    { route: 'PATCH /api/v1/goals/:id', label: "change alex's steps target", prepare: () => {
        const goal = goals().add('alex', 'steps', 9000);
        return (c) => c.request('PATCH', `/api/v1/goals/${goal.id}`, { target: 7000 });
      }, },
    { route: 'DELETE /api/v1/goals/:id', label: "remove sam's goal", prepare: () => {
        const goal = goals().add('sam', 'steps', 9000);
        return (c) => c.request('DELETE', `/api/v1/goals/${goal.id}`);
      }, },
    { route: 'PUT /api/v1/goals/:id/days/:date', label: "say a day of alex's without data was missed", prepare: () => {
        const goal = goals().add('alex', 'steps', 9000);
        const day = goals().quest('alex').goals.find((g) => g.id === goal.id)?.days.find((d) => d.status === 'no_data')?.date;
        if (day === undefined) throw new Error('the new goal has no day without data to declare');
        return (c) => c.request('PUT', `/api/v1/goals/${goal.id}/days/${day}`, { missed: true });
      }, },
    { route: 'POST /api/v1/challenges', label: 'set a steps challenge for alex and sam', prepare: () => send('POST', '/api/v1/challenges', { template: 'steps_together', personIds: ['alex', 'sam'] }) },
    { route: 'POST /api/v1/challenges', label: 'set a blood-pressure challenge for alex and gran', prepare: () => send('POST', '/api/v1/challenges', { template: 'bp_daily', personIds: ['alex', 'gran'] }) },
    { route: 'DELETE /api/v1/challenges/:id', label: "end alex and sam's challenge", prepare: () => {
        const challenge = goals().addChallenge('steps_together', 50_000, ['alex', 'sam']);
        return (c) => c.request('DELETE', `/api/v1/challenges/${challenge.id}`);
      }, },
    { route: 'DELETE /api/v1/challenges/:id', label: "end alex's challenge with gran", prepare: () => {
        const challenge = goals().addChallenge('bp_daily', 7, ['alex', 'gran']);
        return (c) => c.request('DELETE', `/api/v1/challenges/${challenge.id}`);
      }, },
    { route: 'POST /api/v1/people/:id/food-journal', label: "write a banana in alex's journal", prepare: () => send('POST', '/api/v1/people/alex/food-journal', { id: randomUUID(), foodId: '09040', meal: 'snack', grams: 118 }) },
    { route: 'POST /api/v1/people/:id/food-journal', label: "write a coffee in gran's journal", prepare: () => send('POST', '/api/v1/people/gran/food-journal', { id: randomUUID(), foodId: '14209', meal: 'drinks', grams: 237 }) },
    { route: 'DELETE /api/v1/people/:id/food-journal/:entryId', label: "take back an entry of sam's", prepare: () => {
        const { entry } = journal().add('sam', { id: randomUUID(), foodId: '09040', meal: 'lunch', grams: 118, count: 1, portion: null, ts: Date.now() });
        return (c) => c.request('DELETE', `/api/v1/people/sam/food-journal/${entry.id}`);
      }, },
    { route: 'DELETE /api/v1/people/:id/food-journal/:entryId', label: "take back an entry of alex's", prepare: () => {
        const { entry } = journal().add('alex', { id: randomUUID(), foodId: '09040', meal: 'lunch', grams: 118, count: 1, portion: null, ts: Date.now() });
        return (c) => c.request('DELETE', `/api/v1/people/alex/food-journal/${entry.id}`);
      }, },
    { route: 'POST /api/v1/people/:id/medicines', label: 'add a medicine of alex', prepare: () => send('POST', '/api/v1/people/alex/medicines', { name: 'Aspirin', times: ['08:00'] }) },
    { route: 'POST /api/v1/people/:id/medicines', label: 'add a medicine of gran', prepare: () => send('POST', '/api/v1/people/gran/medicines', { name: 'Aspirin', times: ['08:00'], important: true }) },
    { route: 'PATCH /api/v1/people/:id/medicines/:medicineId', label: "change the times of sam's medicine", prepare: () => {
        const medicine = medicines().add('sam', { name: 'Statin', dose: '20 mg', times: ['21:00'], important: false });
        return (c) => c.request('PATCH', `/api/v1/people/sam/medicines/${medicine.id}`, { times: ['07:00'] });
      }, },
    { route: 'DELETE /api/v1/people/:id/medicines/:medicineId', label: "stop gran's medicine", prepare: () => {
        const medicine = medicines().add('gran', { name: 'Statin', dose: '20 mg', times: ['21:00'], important: true });
        return (c) => c.request('DELETE', `/api/v1/people/gran/medicines/${medicine.id}`);
      }, },
    { route: 'PUT /api/v1/people/:id/medicines/:medicineId/doses/:date/:time', label: "record alex's dose skipped", prepare: () => {
        // Due a minute ago, in the hub's zone, so that it can be recorded now.
        const medicine = medicines().add('alex', { name: 'Statin', dose: '', times: [new Date(Date.now() - 60_000).toTimeString().slice(0, 5)], important: false });
        const dose = medicines().day('alex').doses.find((d) => d.medicineId === medicine.id);
        if (dose === undefined) throw new Error('no dose of the medicine just added');
        return (c) => c.request('PUT', `/api/v1/people/alex/medicines/${medicine.id}/doses/${dose.date}/${dose.time}`, { status: 'skipped' });
      }, },
    { route: 'POST /api/v1/devices/pairing', label: 'open pairing', prepare: () => send('POST', '/api/v1/devices/pairing', { seconds: 30 }) },
    { route: 'DELETE /api/v1/devices/pairing', label: 'close pairing', prepare: () => send('DELETE', '/api/v1/devices/pairing') },
    { route: 'POST /api/v1/alerts/:id/ack', label: 'acknowledge an alert', prepare: () => send('POST', '/api/v1/alerts/a-1/ack') },
    { route: 'POST /api/v1/ingest/:deviceId', label: "send readings as sam's device", prepare: () => {
        const target = freshDevice('sam');
        return (c) => c.request('POST', `/api/v1/ingest/${target}`, readings);
      }, },
    { route: 'POST /api/v1/ingest/:deviceId', label: "send readings as alex's device", prepare: () => {
        const target = freshDevice('alex');
        return (c) => c.request('POST', `/api/v1/ingest/${target}`, readings);
      }, },
    { route: 'POST /api/v1/ingest/:deviceId', label: 'send readings as a new device', prepare: () => send('POST', `/api/v1/ingest/${unique('new-device-')}`, readings) },
    { route: 'POST /graphql', label: "assign alex's device to sam", prepare: () => graphql(`mutation { assignDevice(deviceId: "${freshDevice('alex')}", personId: "sam") { id } }`) },
    { route: 'POST /graphql', label: "rename sam's device", prepare: () => graphql(`mutation { renameDevice(deviceId: "${freshDevice('sam')}", name: "x") { id } }`) },
    { route: 'POST /api/v1/onboarding', label: 'onboard a second owner', prepare: () => send('POST', '/api/v1/onboarding', { username: unique('second-'), password: 'a long enough password', displayName: 'X' }) },
    { route: 'POST /api/v1/auth/login', label: 'log in with a wrong password', prepare: () => send('POST', '/api/v1/auth/login', { username: 'alex', password: 'not the password at all' }) },
    { route: 'POST /api/v1/me/password', label: 'change the password without knowing it', prepare: () => send('POST', '/api/v1/me/password', { currentPassword: 'not the password at all', newPassword: 'another long enough password' }) },
    { route: 'POST /api/v1/auth/refresh', label: 'refresh', prepare: () => send('POST', '/api/v1/auth/refresh') },
    { route: 'POST /api/v1/auth/logout', label: 'log out', prepare: () => send('POST', '/api/v1/auth/logout') },
  ];

  const writeRoutes = new Set(api.hub.routes.filter((r) => !['GET', 'HEAD'].includes(r.method)).map((r) => `${r.method} ${r.url}`));
  const tried = new Set(attempts().map((a) => a.route));
  t.same([...writeRoutes].filter((r) => !tried.has(r)), [], 'every write route of the hub is in the matrix');

  // What each attempt made is undone afterwards, so that every attempt starts from the same household.
  const baseline = snapshot(api, accounts);
  const undo = (): void => {
    const now = snapshot(api, accounts);
    for (const id of now.users.keys()) if (!baseline.users.has(id)) accounts.users.remove(id);
    for (const id of now.tokens.keys()) if (!baseline.tokens.has(id)) accounts.tokens.revoke(id);
    for (const id of now.devices.keys()) if (!baseline.devices.has(id)) api.hub.context.registry.forgetDevice(id);
    for (const id of now.goals.keys()) if (!baseline.goals.has(id)) goals().remove(id);
    for (const id of now.challenges.keys()) if (!baseline.challenges.has(id)) goals().removeChallenge(id);
    if (now.channels !== baseline.channels) api.hub.context.services.alertChannels.current()?.update({ speech: null, webhooks: null, escalation: null });
  };
  let acceptedFor: (string | undefined)[] = [];
  // A journal entry's readings are the journal's to check (above), not a device's sent without the ingest scope.
  api.hub.context.bus.on('reading.accepted', 'privilege-matrix', (reading) => {
    if (!reading.deviceId.startsWith('hub:journal:')) acceptedFor.push(reading.personId);
  });
  const failures: string[] = [];
  let requests = 0;
  let allowed = 0;
  for (const actor of actors) {
    for (const attempt of attempts()) {
      const request = attempt.prepare();
      const client = actor.client();
      const before = snapshot(api, accounts);
      acceptedFor = [];
      const answer = await request(client);
      requests++;
      if (answer.status < 300) allowed++;
      const after = snapshot(api, accounts);
      for (const problem of escalations(actor.held, before, after, acceptedFor)) failures.push(`${actor.name} / ${attempt.label} (${answer.status}): ${problem}`);
      undo();
    }
  }
  t.comment(`${actors.length} credentials × ${attempts().length} attempts: ${requests} requests, ${allowed} allowed`);
  t.same(failures, [], 'no escalation');
  t.ok(allowed > actors.length, 'and the matrix is no wall of refusals: rightful changes went through');
});

t.test('read matrix: a device page, its history, a logbook, goals, challenges, food journals and medicines answer exactly the credentials that hold their person', async (t) => {
  const { api, actors, everyone } = await matrixHousehold(t);
  api.hub.bus.emit('device.connection', { deviceId: 'strap-alex', connected: true, ts: Date.now() - 60_000 });
  const devices: readonly [string, string | undefined][] = [['strap-alex', 'alex'], ['strap-sam', 'sam'], ['oximeter-gran', 'gran'], ['loose-thermo', undefined]];
  const view = api.hub.context.services.goals.current();
  if (view === undefined) throw new Error('the healthquest part is not running');
  const challenges = [view.addChallenge('steps_together', 50_000, ['alex', 'sam']), view.addChallenge('bp_daily', 7, ['gran', 'sam'])];
  for (const person of ['alex', 'sam', 'gran']) view.add(person, 'steps', 8000);
  // A dose of everyone's due this minute, in the hub's zone (the box's), so that reminders have something to withhold.
  const medicines = api.hub.context.services.medicines.current();
  if (medicines === undefined) throw new Error('the nutriverse part is not running');
  if (new Date().getSeconds() >= 50) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
  const thisMinute = new Date().toTimeString().slice(0, 5);
  for (const person of ['alex', 'sam', 'gran']) medicines.add(person, { name: 'Statin', dose: '', times: [thisMinute], important: false });
  // Journals and medicines name what a person ate and takes: the person and the owner read them, no caregiver or viewer.
  const readsJournal = (held: Held, person: string): boolean => held.scopes.has('read') && reachesPerson(held, person) && (held.role === 'owner' || held.role === 'member');
  // A board is seen by whoever reads everyone on it, and by a member on it (signed in, or a token not limited to people).
  const seesChallenge = (held: Held, members: readonly string[]): boolean =>
    held.scopes.has('read') && (members.every((p) => reachesPerson(held, p)) || (held.role === 'member' && held.unassigned && members.some((p) => held.people?.has(p) === true)));
  const failures: string[] = [];
  let allowed = 0;
  for (const actor of actors) {
    const client = actor.client();
    const reads = actor.held.scopes.has('read');
    const expect = async (path: string, may: boolean): Promise<void> => {
      const status = (await client.get(path)).status;
      if (status === 200) allowed++;
      if (status !== (may ? 200 : 404)) failures.push(`${actor.name}: GET ${path} answered ${status}, expected ${may ? 200 : 404}`);
    };
    for (const [id, person] of devices) {
      await expect(`/api/v1/devices/${id}`, reads && reachesPerson(actor.held, person));
      await expect(`/api/v1/devices/${id}/events?limit=5`, reads && reachesPerson(actor.held, person));
    }
    for (const person of everyone) {
      await expect(`/api/v1/people/${person}/logbook?limit=5`, reads && reachesPerson(actor.held, person));
      await expect(`/api/v1/goals?personId=${person}`, reads && reachesPerson(actor.held, person));
      const graph = await client.post('/graphql', { query: `{ quest(personId: "${person}") { personId } }` });
      const quest = (graph.body as { data?: { quest: { personId: string } | null } }).data?.quest ?? null;
      if ((quest !== null) !== (reads && reachesPerson(actor.held, person))) failures.push(`${actor.name}: GraphQL quest of ${person} ${quest === null ? 'withheld' : 'answered'} (${graph.status})`);
    }
    for (const person of everyone) {
      for (const path of ['food-journal', 'food-journal?date=2026-12-01', 'food-journal/trends?days=7', 'food-journal/recent', 'medicines']) {
        await expect(`/api/v1/people/${person}/${path}`, readsJournal(actor.held, person));
      }
    }
    const reminders = await client.get('/api/v1/medicine-reminders');
    const reminded = reminders.status === 200 ? (reminders.body as { personId: string }[]).map((r) => r.personId) : [];
    const mayRemind = ['alex', 'gran', 'sam'].filter((p) => readsJournal(actor.held, p));
    if (JSON.stringify(reminded) !== JSON.stringify(mayRemind)) failures.push(`${actor.name}: medicine reminders of ${reminded.join(', ') || 'nobody'}, expected ${mayRemind.join(', ') || 'nobody'}`);
    const faces = await client.get('/api/v1/goal-faces');
    const faced = faces.status === 200 ? (faces.body as { personId: string }[]).map((f) => f.personId) : [];
    const mayFace = reads ? ['alex', 'gran', 'sam'].filter((p) => reachesPerson(actor.held, p)) : [];
    if (JSON.stringify(faced) !== JSON.stringify(mayFace)) failures.push(`${actor.name}: goal faces of ${faced.join(', ') || 'nobody'}, expected ${mayFace.join(', ') || 'nobody'}`);
    const listed = await client.get('/api/v1/challenges');
    const ids = listed.status === 200 ? (listed.body as { id: string }[]).map((c) => c.id) : [];
    for (const challenge of challenges) {
      const may = seesChallenge(actor.held, challenge.personIds);
      await expect(`/api/v1/challenges/${challenge.id}`, may);
      if (ids.includes(challenge.id) !== may) failures.push(`${actor.name}: the list of challenges ${may ? 'lacks' : 'shows'} ${challenge.personIds.join(' and ')}'s`);
    }
  }
  t.comment(`${actors.length} credentials, ${allowed} reads allowed`);
  t.same(failures, [], 'every read is answered as the credential holds');
  t.ok(allowed > actors.length, 'and the matrix is no wall of refusals');
});

t.test('the probe: a token limited to one person cannot mint an owner, nor widen a caregiver past itself', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const carer = await owner.post('/api/v1/users', { username: 'carer', password: 'carer-password-long', displayName: 'Carer', role: 'caregiver', grants: ['gran'] });
  const carerId = (carer.body as { id: string }).id;
  const limited = new ApiClient(api.base);
  limited.token = ((await owner.post('/api/v1/tokens', { name: 'alex admin', scopes: ['read', 'write', 'admin'], personIds: ['alex'] })).body as { token: string }).token;
  const noRead = new ApiClient(api.base);
  noRead.token = ((await owner.post('/api/v1/tokens', { name: 'admin only', scopes: ['admin'] })).body as { token: string }).token;

  for (const [name, client] of [['limited to alex', limited], ['without read', noRead]] as const) {
    const minted = await client.post('/api/v1/users', { username: `evil-${name.length}`, password: 'evil-password-long', displayName: 'Evil', role: 'owner' });
    t.equal(minted.status, 403, `a token ${name} cannot create an owner`);
    t.equal((await new ApiClient(api.base).post('/api/v1/auth/login', { username: `evil-${name.length}`, password: 'evil-password-long' })).status, 401, 'and there is no such account to log in as');
  }
  const widened = await limited.request('PUT', `/api/v1/users/${carerId}/grants`, { grants: ['gran', 'sam'] });
  t.equal(widened.status, 403, "the token cannot widen a caregiver's grants");
  t.match((widened.body as { message: string }).message, /cannot give more than it holds/);
  const users = (await owner.get('/api/v1/users')).body as { username: string; grants: string[] }[];
  t.same(users.find((u) => u.username === 'carer')?.grants, ['gran'], 'the grants are as the owner left them');

  const narrow = await limited.post('/api/v1/users', { username: 'alex-carer', password: 'alex-carer-password', displayName: 'Alex carer', role: 'caregiver', grants: ['alex'] });
  t.equal(narrow.status, 201, 'what the token does hold it may give: a caregiver of alex');
});
