import t from 'tap';
import { ApiClient, addUser, onboardOwner, startApiHub } from './api-harness.js';

const T0 = Date.parse('2025-02-10T07:30:00Z');

t.test('exports: CSV and FHIR R4 for a chosen range, of the chosen person only', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const ingest = api.hub.context.ingest;
  ingest.submit({
    deviceId: 'strap-alex',
    readings: [
      { metric: 'heart_rate', value: 58, ts: T0 },
      { metric: 'bp_systolic', value: 121, ts: T0 + 60_000 },
      { metric: 'bp_diastolic', value: 79, ts: T0 + 60_000 },
      { metric: 'spo2', value: 97, ts: T0 + 120_000 },
      { metric: 'rr_interval', value: 950, ts: T0 + 121_000 },
      { metric: 'heart_rate', value: 140, ts: T0 + 86_400_000 * 3 },
    ],
  });
  ingest.submit({ deviceId: 'strap-sam', readings: [{ metric: 'heart_rate', value: 88, ts: T0 + 30_000 }] });
  api.hub.store.writer.flush();
  const range = `personId=alex&from=${T0}&to=${T0 + 86_400_000}`;

  const csv = await alex.get(`/api/v1/export?${range}&format=csv`);
  t.equal(csv.status, 200);
  t.match(csv.headers.get('content-type'), /^text\/csv/);
  t.match(csv.headers.get('content-disposition'), /^attachment; filename="hearth-alex-2025-02-10-to-2025-02-11\.csv"$/);
  const lines = csv.text.trim().split('\r\n');
  t.equal(lines[0], 'time,metric,value,unit,device,time_source,flags');
  t.same(
    lines
      .slice(1)
      .map((l) => l.split(',').slice(0, 4).join(','))
      .sort((a, b) => a.localeCompare(b)),
    [
      '2025-02-10T07:30:00.000Z,heart_rate,58,bpm',
      '2025-02-10T07:31:00.000Z,bp_diastolic,79,mmHg',
      '2025-02-10T07:31:00.000Z,bp_systolic,121,mmHg',
      '2025-02-10T07:32:00.000Z,spo2,97,%',
      '2025-02-10T07:32:01.000Z,rr_interval,950,ms',
    ].sort((a, b) => a.localeCompare(b)),
    'only alex, only the range (the reading three days later is left out)',
  );
  const times = lines.slice(1).map((l) => l.split(',')[0] ?? '');
  t.same(times, [...times].sort(), 'oldest first');
  t.notMatch(csv.text, /strap-sam|,88,/);

  const fhir = await alex.get(`/api/v1/export?${range}&format=fhir`);
  t.equal(fhir.status, 200);
  t.match(fhir.headers.get('content-type'), /^application\/fhir\+json/);
  const bundle = fhir.body as { resourceType: string; type: string; entry: { fullUrl: string; resource: Record<string, unknown> }[] };
  t.equal(bundle.resourceType, 'Bundle');
  t.equal(bundle.type, 'collection');
  const [patientEntry, ...observations] = bundle.entry;
  t.equal(patientEntry?.resource['resourceType'], 'Patient');
  const patientUrl = patientEntry?.fullUrl;
  t.equal(observations.length, 3, 'heart rate, one BP panel, SpO2; RR intervals have no vital-sign code');
  for (const entry of observations) {
    const o = entry.resource as { resourceType: string; status: string; subject: { reference: string; type: string }; category: { coding: { code: string }[] }[]; effectiveDateTime: string };
    t.equal(o.resourceType, 'Observation');
    t.equal(o.status, 'final');
    t.equal(o.subject.reference, patientUrl, 'every observation points at the Patient of the bundle');
    t.equal(o.subject.type, 'Patient');
    t.equal(o.category[0]?.coding[0]?.code, 'vital-signs');
    t.match(o.effectiveDateTime, /^2025-02-10T07:3\d:00\.000Z$/);
  }
  const [hr, bp, spo2] = observations.map((e): Record<string, unknown> => e.resource);
  t.match(hr, { code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, valueQuantity: { value: 58, system: 'http://unitsofmeasure.org', code: '/min' } });
  t.match(bp, {
    code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
    component: [
      { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 121, code: 'mm[Hg]' } },
      { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 79, code: 'mm[Hg]' } },
    ],
  });
  t.notOk('valueQuantity' in (bp ?? {}), 'a panel carries its values in components');
  t.same(((spo2?.['code'] as { coding: { code: string }[] }).coding).map((c) => c.code), ['2708-6', '59408-5']);
  t.match(spo2, { valueQuantity: { value: 97, code: '%' } });

  const again = (await alex.get(`/api/v1/export?${range}&format=fhir`)).body as typeof bundle;
  t.same(again.entry.map((e) => e.fullUrl), bundle.entry.map((e) => e.fullUrl), 'ids are stable across exports, so a receiver can de-duplicate');
});

t.test('a long export streams every reading and the hub keeps answering meanwhile', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const count = 30_000;
  const readings = Array.from({ length: count }, (_, i) => ({ metric: 'heart_rate' as const, value: 60 + (i % 40), ts: T0 + i * 1000 }));
  for (let i = 0; i < readings.length; i += 5000) api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: readings.slice(i, i + 5000) });
  api.hub.store.writer.flush();
  const exported = owner.get(`/api/v1/export?personId=alex&from=${T0}&to=${T0 + count * 1000}&format=csv`);
  const health = await new ApiClient(api.base).get('/api/v1/health');
  t.equal(health.status, 200);
  const csv = await exported;
  t.equal(csv.text.trim().split('\r\n').length, count + 1, 'header and every reading, across many pages');
});
