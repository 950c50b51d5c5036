import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { DeviceDetail, LiveMessage } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { StatusLine } from '../../../components/status-line.js';
import { useLiveRefresh } from '../../../components/use-live-refresh.js';
import { useRequest } from '../../../components/use-request.js';
import { deviceName } from '../../../format/device-name.js';
import { errorText } from '../../../format/error-text.js';
import { formatDateTime } from '../../../format/freshness.js';
import { formatValue, metricLabel, metricUnit } from '../../../format/metric-format.js';
import { href, type PageProps } from '../../dashboard-app.js';
import { isLowBattery } from '../components/battery.js';
import { DEVICES_PATH, personHref } from '../paths.js';
import { BatteryChart } from './battery-chart.js';
import { DeviceHistory, EVENT_WORDS } from './device-history.js';
import { SignalStrength } from './signal-strength.js';

/** One device: its name (to change, for who may), whose it is, what it measures, battery, signal, its newest reading and its link's history. */
export function DevicePage({ params }: PageProps) {
  const deviceId = params['deviceId'] ?? '';
  const path = `/devices/${encodeURIComponent(deviceId)}`;
  const { value: device, failure, loading, reload } = useRequest(() => api.get<DeviceDetail>(path));
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');
  const label = device === undefined ? 'Device' : deviceName(device);

  useEffect(() => {
    document.title = `${label} — Hearth`;
  }, [label]);
  // Its link's news at once, with its history; its readings (a heart rate a second) at most every 10 s.
  useLiveRefresh(
    (message: LiveMessage) => (message.type === 'device' && message.deviceId === deviceId ? 500 : undefined),
    () => {
      void reload();
      setVersion((v) => v + 1);
    },
  );
  useLiveRefresh((message: LiveMessage) => (message.type === 'reading' && message.reading.deviceId === deviceId ? 10_000 : undefined), reload);

  const rename = (event: Event): void => {
    const name = (event.currentTarget as HTMLInputElement).value.trim();
    if (name === '' || name === label) return;
    setError('');
    api.patch(path, { name }).then(reload, (e: unknown) => setError(errorText(e)));
  };

  const status = failure !== undefined ? errorText(failure) : loading ? 'Loading…' : '';
  return (
    <section class="page device-page">
      <p class="breadcrumb">
        <a href={href(DEVICES_PATH)}>Devices</a>
      </p>
      <h1>{label}</h1>
      <StatusLine text={status} />
      {device !== undefined && (
        <>
          {device.canManage && (
            <div class="field device-rename">
              <label for="device-name">Name</label>
              <input key={label} id="device-name" defaultValue={label} onChange={rename} />
              <p class="form-error" role="alert">
                {error}
              </p>
            </div>
          )}
          <DeviceFacts device={device} />
          {device.batteryHistory !== null && device.batteryHistory.points.length > 1 && <BatteryChart answer={device.batteryHistory} />}
          <DeviceHistory deviceId={deviceId} version={version} />
        </>
      )}
    </section>
  );
}

function DeviceFacts({ device }: { readonly device: DeviceDetail }) {
  const { owner, lastReading, signal, connection, battery } = device;
  const shared = Object.keys(device.userSlots).length > 0;
  return (
    <dl class="facts device-facts">
      <dt>Belongs to</dt>
      <dd>{owner !== null ? <a href={personHref(owner.id)}>{owner.name}</a> : shared ? 'Shared (by user slot)' : 'Nobody yet'}</dd>
      <dt>What it is</dt>
      <dd>{deviceName({ kind: device.kind, driver: device.driver })}</dd>
      <dt>Measures</dt>
      <dd>{device.measures.length > 0 ? device.measures.map(metricLabel).join(', ') : 'Nothing yet'}</dd>
      <dt>Last reading</dt>
      <dd class="last-reading">
        {lastReading === null ? (
          'None yet'
        ) : (
          <>
            {`${metricLabel(lastReading.metric)} ${formatValue(lastReading.metric, lastReading.value)} ${metricUnit(lastReading.metric, lastReading.unit)}, ${formatDateTime(lastReading.ts)} (`}
            <Age ts={lastReading.ts} />)
          </>
        )}
      </dd>
      <dt>Battery</dt>
      <dd class={isLowBattery(battery) ? 'low-battery' : ''}>{battery !== null ? `${Math.round(battery)}%${isLowBattery(battery) ? ' — charge soon' : ''}` : 'Not reported'}</dd>
      <dt>Signal</dt>
      <dd class="device-signal">
        {signal === null ? (
          'Not known (no radio has heard it since the hub started)'
        ) : (
          <>
            <SignalStrength rssi={signal.rssi} />
            {` (${signal.rssi} dBm, `}
            <Age ts={signal.ts} />)
          </>
        )}
      </dd>
      <dt>Link</dt>
      <dd class="device-link">
        {connection === null ? (
          'No connection recorded yet'
        ) : (
          <>
            {`${EVENT_WORDS[connection.kind]}, ${formatDateTime(connection.ts)} (`}
            <Age ts={connection.ts} />)
          </>
        )}
      </dd>
      <dt>Last heard</dt>
      <dd>
        <Age ts={device.lastSeen} />
      </dd>
    </dl>
  );
}
