import t from 'tap';
import { csvCell, csvLine } from '../../hub/export/csv-export.js';
import { addUser, onboardOwner, startApiHub, type ApiClient } from './api-harness.js';
import { readCsvWithPython } from './helpers/python-csv.js';

const T0 = Date.parse('2025-01-14T06:00:00Z');
const BOM = [0xef, 0xbb, 0xbf];

/** The export's bytes as they leave the hub: fetch's text() would drop a byte-order mark. */
async function download(client: ApiClient, path: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const response = await fetch(`${client.base}${path}`, { headers: { cookie: client.cookie ?? '' } });
  return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

t.test('a CSV reader gets every value as a number, below zero too, with or without the byte-order mark', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const outcome = api.hub.context.ingest.submit({
    deviceId: 'strap-alex',
    readings: [
      { metric: 'ambient_temperature', value: -3.5, ts: T0 },
      { metric: 'heart_rate', value: 58, ts: T0 + 1000 },
      { metric: 'ambient_temperature', value: -0.25, ts: T0 + 2000 },
      { metric: 'body_weight', value: 72.125, ts: T0 + 3000 },
    ],
  });
  t.equal(outcome.accepted, 4);
  api.hub.store.writer.flush();
  const range = `personId=alex&from=${T0}&to=${T0 + 60_000}`;

  const plain = await download(alex, `/api/v1/export?${range}&format=csv`);
  t.equal(plain.status, 200);
  t.match(plain.type, /^text\/csv; charset=utf-8/);
  t.same([...plain.bytes.subarray(0, 4)], [...Buffer.from('time')], 'plain UTF-8 starts with the header itself');
  const read = readCsvWithPython(plain.bytes, 'utf-8');
  t.same(read.header, ['time', 'metric', 'value', 'unit', 'device', 'time_source', 'flags']);
  t.same(read.values, [-3.5, 58, -0.25, 72.125], 'every value parses as a float, the negative ones too');
  t.match(Buffer.from(plain.bytes).toString('utf8'), /,°C,/, 'units keep their own characters');

  const excel = await download(alex, `/api/v1/export?${range}&format=csv&bom=true`);
  t.equal(excel.status, 200);
  t.match(excel.type, /^text\/csv; charset=utf-8/);
  t.same([...excel.bytes.subarray(0, 3)], BOM, 'the Excel-friendly file starts with the UTF-8 byte-order mark');
  t.same(Buffer.from(excel.bytes.subarray(3)), Buffer.from(plain.bytes), 'and is otherwise the same file');
  t.same(readCsvWithPython(excel.bytes, 'utf-8-sig'), read, 'a reader that knows the mark sees the same table');
  t.equal(readCsvWithPython(excel.bytes, 'utf-8').header[0], '\ufefftime', 'the mark is really there for Excel to see');

  const json = await alex.get(`/api/v1/export?${range}&format=fhir&bom=true`);
  t.equal(json.status, 400, 'JSON takes no byte-order mark (RFC 8259 §8.1)');
  t.match(json.body, { error: 'bom_csv_only' });
});

t.test('only text cells are defused against spreadsheet formulas; numbers stay numbers', async (t) => {
  t.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  t.equal(csvCell('-kit'), `'-kit`, 'a device name that starts like a formula is text and gets the quote mark');
  t.equal(csvCell('plain'), 'plain');
  t.equal(csvCell('a,b'), '"a,b"');
  const line = csvLine({ metric: 'ambient_temperature', value: -3.5, unit: '°C', ts: T0, deviceId: '+cmd', tsSource: 'device', flags: [] });
  t.equal(line, `2025-01-14T06:00:00.000Z,ambient_temperature,-3.5,°C,'+cmd,device,\r\n`);
});
