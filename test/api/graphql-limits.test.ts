import { request as httpRequest } from 'node:http';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import t from 'tap';
import { ApiClient, addUser, onboardOwner, seedReadings, startApiHub } from './api-harness.js';

interface GraphqlAnswer {
  readonly status: number;
  readonly data: Record<string, unknown> | null;
  readonly errors: { message: string; extensions?: { code?: string } }[];
  readonly text: string;
}

async function graphql(client: ApiClient, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer> {
  const response = await client.post('/graphql', { query, ...(variables !== undefined ? { variables } : {}) });
  const body = (response.body ?? {}) as { data?: Record<string, unknown> | null; errors?: GraphqlAnswer['errors'] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [], text: response.text };
}

const T0 = Date.now() - 86_400_000;

/** A raw request, for headers fetch will not send (Connection, Upgrade). */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, text: '' });
    });
    request.on('error', reject);
    request.end();
  });
}

/** `count` aliases of the same series, written as briefly as the probe wrote them. */
function seriesAliases(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `s${i}: series(personId: $p, metric: "heart_rate", from: 0, to: 9e12) { points { value } }`);
  return `query ($p: ID!) { ${fields.join(' ')} }`;
}

t.test('aliases, tokens and cost are refused with a GraphQL error that says which limit', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  await seedReadings(api.hub, 'strap-alex', [{ metric: 'heart_rate', value: 61, ts: T0 }]);

  const fifteen = await graphql(viewer, seriesAliases(15), { p: 'alex' });
  t.equal(fifteen.status, 200, 'fifteen aliases are within the limit');
  t.equal(Object.keys(fifteen.data ?? {}).length, 15);

  const sixteen = await graphql(viewer, seriesAliases(16), { p: 'alex' });
  t.equal(sixteen.status, 400, 'sixteen aliases are refused before anything runs');
  t.same(sixteen.data, null);
  t.match(sixteen.errors, [{ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'too_many_aliases' } }]);

  // The probe's request: thousands of aliases in one document, well under the old body limit.
  const flood = await graphql(viewer, seriesAliases(2000), { p: 'alex' });
  t.equal(flood.status, 413, 'a document of thousands of aliases is refused by its size');
  const wordy = await graphql(viewer, seriesAliases(300), { p: 'alex' });
  t.equal(wordy.status, 400);
  t.match(wordy.errors, [{ message: 'Token limit of 1000 exceeded.', extensions: { code: 'too_many_tokens' } }], 'a long document stops being parsed at the token limit');

  // No alias at all, but the same fragment spread over and over: each spread costs again.
  const fragment = 'fragment P on Person { id name latest { metric value unit ts } devices { id name driver personId battery firstSeen lastSeen } }';
  const costly = await graphql(owner, `{ people { ${Array.from({ length: 200 }, () => '...P').join(' ')} } } ${fragment}`);
  t.equal(costly.status, 400);
  t.match(costly.errors, [{ message: /^Query Cost limit of 5000 exceeded, found \d+/, extensions: { code: 'too_costly' } }]);
  const cheap = await graphql(owner, `{ people { ...P } } ${fragment}`);
  t.equal(cheap.status, 200, 'the same fragment once is cheap');
  t.equal((await owner.get('/api/v1/health')).status, 200, 'the hub still answers');
});

/** The probe's document: 7,000 aliased series of a day at 5000 points, padded to its 901 KB. */
function probeDocument(): string {
  const fields = Array.from({ length: 7000 }, (_, i) => `a${i}: series(personId: "alex", metric: "heart_rate", from: ${T0}, to: ${T0 + 86_400_000}, maxPoints: 5000) { points { ts value } }`);
  const query = `{ ${fields.join(' ')} }`;
  return query.padEnd(901 * 1024 - 20, ' ');
}

t.test("the probe's request (7,000 aliases in 901 KB) is refused with a GraphQL error naming the limit, six at once", async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  await seedReadings(api.hub, 'strap-alex', Array.from({ length: 500 }, (_, i) => ({ metric: 'heart_rate' as const, value: 60 + (i % 30), ts: T0 + i * 1000 })));
  const query = probeDocument();
  t.ok(JSON.stringify({ query }).length > 900 * 1024, 'as large as the probe sent, under the HTTP body limit of 1 MiB');
  const rssBefore = process.memoryUsage().rss;
  const answers = await Promise.all(Array.from({ length: 6 }, () => graphql(viewer, query)));
  for (const answer of answers) {
    t.equal(answer.status, 413);
    t.same(answer.data, null);
    t.match(answer.errors, [{ message: /^a GraphQL request is at most 64 KiB/, extensions: { code: 'request_too_large' } }]);
  }
  const grownMb = (process.memoryUsage().rss - rssBefore) / 1_048_576;
  t.ok(grownMb < 256, `memory stays where it was (grew ${grownMb.toFixed(0)} MB; without limits it grew by gigabytes)`);
  t.equal((await viewer.get('/api/v1/health')).status, 200, 'the hub still answers');
  const small = await graphql(viewer, `{ series(personId: "alex", metric: "heart_rate", from: ${T0}, to: ${T0 + 86_400_000}, maxPoints: 100) { points { value } } }`);
  t.equal(small.status, 200, 'and answers a chart right after');
});

t.test('the limits come from the config, and depth does not count introspection', async (t) => {
  const api = await startApiHub({ api: { graphql: { maxAliases: 1, maxCost: 5000, maxTokens: 1000, maxDepth: 2, maxAnswerBytes: 2_097_152, maxRunning: 2, maxWaiting: 16 } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  t.match((await graphql(owner, '{ a: me { id } b: me { id } }')).errors, [{ extensions: { code: 'too_many_aliases' } }]);
  const deep = await graphql(owner, '{ people { devices { id } } }');
  t.equal(deep.status, 400);
  t.match(deep.errors, [{ message: 'Depth limit of 2 exceeded, found 3.', extensions: { code: 'too_deep' } }]);
  t.equal((await graphql(owner, '{ people { id } }')).status, 200, 'two levels pass');
  const introspection = await graphql(owner, getIntrospectionQuery());
  t.equal(introspection.status, 200, 'the standard introspection query passes a depth limit of 2');
  t.same(introspection.errors, []);
});

t.test('GraphiQL, Apollo and code generators can load the schema; anonymous callers cannot', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  const { token } = (await owner.post('/api/v1/tokens', { name: 'codegen', scopes: ['read'] })).body as { token: string };
  const codegen = new ApiClient(api.base);
  codegen.token = token;
  for (const [who, client] of [
    ['a viewer', viewer],
    ['a read token', codegen],
  ] as const) {
    for (const options of [{}, { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }]) {
      const answer = await graphql(client, getIntrospectionQuery(options));
      t.equal(answer.status, 200, `${who}: introspection ${JSON.stringify(options)}`);
      t.same(answer.errors, []);
      const schema = buildClientSchema(answer.data as unknown as IntrospectionQuery);
      t.match(printSchema(schema), /type Query \{[^}]*series\(personId: ID!/, 'the schema is whole');
    }
  }
  const get = await codegen.get(`/graphql?query=${encodeURIComponent(getIntrospectionQuery())}`);
  t.equal(get.status, 200, 'over GET too');
  const anonymous = new ApiClient(api.base);
  t.equal((await anonymous.post('/graphql', { query: getIntrospectionQuery() })).status, 401);
  t.equal((await anonymous.get(`/graphql?query=${encodeURIComponent('{ __schema { types { name } } }')}`)).status, 401);
  const introspect = `/graphql?query=${encodeURIComponent('{ __schema { types { name } } }')}`;
  for (const headers of <Record<string, string>[]>[
    { upgrade: 'websocket' },
    { upgrade: 'websocket', connection: 'Upgrade' },
    { upgrade: 'websocket', connection: 'keep-alive, Upgrade' },
    { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13' },
  ]) {
    const crafted = await rawGet(api.base, introspect, headers);
    t.not(crafted.status, 200, `an Upgrade that is not a credentialed handshake gets no schema: ${JSON.stringify(headers)}`);
    t.notMatch(crafted.text, /"types"/);
  }
  // A deep introspection is still bounded (graphql-js's MaxIntrospectionDepthRule).
  const nested = await graphql(owner, '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
  t.equal(nested.status, 400, 'introspection that loops through types is refused');
});

t.test('the answer is bounded: a query stops adding series once it would pass maxAnswerBytes', async (t) => {
  const api = await startApiHub({ api: { graphql: { maxAliases: 15, maxCost: 5000, maxTokens: 1000, maxDepth: 8, maxAnswerBytes: 65_536, maxRunning: 2, maxWaiting: 16 } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const readings = Array.from({ length: 3000 }, (_, i) => ({ metric: 'heart_rate' as const, value: 60 + (i % 30), ts: T0 + i * 1000 }));
  await seedReadings(api.hub, 'strap-alex', readings);
  const range = `from: ${T0 - 1000}, to: ${T0 + 3_000_000}`;
  const one = await graphql(owner, `{ series(personId: "alex", metric: "heart_rate", ${range}, maxPoints: 500) { points { ts value } } }`);
  t.equal(one.status, 200, 'a chart of 500 points fits');
  const many = await graphql(owner, `{ ${Array.from({ length: 6 }, (_, i) => `s${i}: series(personId: "alex", metric: "heart_rate", ${range}, maxPoints: 3000) { points { ts value min max count } }`).join(' ')} }`);
  t.ok(many.text.length <= 65_536, `the answer stays within the limit (${many.text.length} bytes)`);
  t.ok(many.errors.length > 0);
  t.ok(
    many.errors.every((e) => e.extensions?.code === 'answer_too_large'),
    'every refused series says why',
  );
  t.match(many.errors[0]?.message, /larger than 64 KiB/);
});
