import t from 'tap';
import { addUser, onboardOwner, startApiHub } from './api-harness.js';
import { FHIR_ID, fhirR4Errors } from './helpers/fhir-r4.js';

const T0 = Date.parse('2025-03-03T08:00:00Z');

interface Entry {
  readonly fullUrl: string;
  readonly resource: { readonly resourceType: string; readonly id: string; readonly [key: string]: unknown };
}

function loincOf(resource: Entry['resource']): string[] {
  return ((resource['code'] as { coding: { code: string }[] }).coding).map((c) => c.code);
}

t.test('the FHIR export is valid R4, its ids match their fullUrls, and CGM glucose is coded as interstitial fluid', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const ingest = api.hub.context.ingest;
  const meter = ingest.submit({
    deviceId: 'strap-alex',
    readings: [
      { metric: 'heart_rate', value: 58, ts: T0 },
      { metric: 'bp_systolic', value: 121, ts: T0 + 60_000 },
      { metric: 'bp_diastolic', value: 79, ts: T0 + 60_000 },
      { metric: 'spo2', value: 97, ts: T0 + 120_000 },
      { metric: 'body_temperature', value: 36.8, ts: T0 + 180_000, flags: ['early_estimate'] },
      { metric: 'body_weight', value: 72.4, ts: T0 + 240_000 },
      { metric: 'glucose', value: 104, ts: T0 + 300_000 },
    ],
  });
  t.equal(meter.accepted, 7);
  // A CGM Measurement notification (GATT 0x2AA7), through the real decoder: one record, 120 mg/dL.
  const cgm = ingest.submit({ deviceId: 'strap-alex', formatId: '2aa7', bytes: Uint8Array.from(Buffer.from('06000C100600', 'hex')), at: T0 + 360_000 });
  t.equal(cgm.accepted, 1);
  api.hub.store.writer.flush();

  const response = await alex.get(`/api/v1/export?personId=alex&from=${T0}&to=${T0 + 3_600_000}&format=fhir`);
  t.equal(response.status, 200);
  const bundle = response.body as { resourceType: string; entry: Entry[] };
  t.same(fhirR4Errors(bundle), [], 'the bundle and every resource in it pass the R4 validator');

  const [patient, ...observations] = bundle.entry;
  t.equal(patient?.resource.resourceType, 'Patient');
  for (const entry of bundle.entry) {
    t.match(entry.resource.id, FHIR_ID, `${entry.resource.resourceType} id is a FHIR id`);
    t.equal(entry.fullUrl, `urn:uuid:${entry.resource.id}`, `${entry.resource.resourceType} id matches its fullUrl`);
  }
  t.match(patient?.resource, { identifier: [{ system: 'urn:hearth:person', value: 'alex' }] }, 'the household id stays as an identifier');

  const glucose = observations.filter((e) => loincOf(e.resource).some((code) => ['41653-7', '99504-3'].includes(code)));
  t.equal(glucose.length, 2);
  const [fingerStick, sensor] = glucose.map((e) => e.resource);
  t.same(loincOf(fingerStick!), ['41653-7'], 'a meter reading is capillary blood by glucometer');
  t.match(fingerStick, { valueQuantity: { value: 104, code: 'mg/dL' } });
  t.same(loincOf(sensor!), ['99504-3'], 'a CGM reading is glucose in interstitial fluid (mass/volume)');
  t.match(sensor, { category: [{ coding: [{ code: 'laboratory' }] }], valueQuantity: { value: 120, system: 'http://unitsofmeasure.org', code: 'mg/dL' } });
  t.match(sensor, { code: { text: /interstitial/i } });

  // The validator is no rubber stamp: the same bundle with an Observation missing its status fails.
  const broken = structuredClone(bundle);
  delete (broken.entry[1]!.resource as Record<string, unknown>)['status'];
  t.match(fhirR4Errors(broken), [/Observation\.status: Missing property/]);
});
