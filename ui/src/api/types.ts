/**
 * The HTTP and live API contract (/api/v1) as the dashboard sees it: the types of the hub's own
 * route schemas (hub/api/contract), under the names the dashboard uses. Type-only, so nothing of
 * the hub reaches the bundle.
 */
import type { PairingState as PairingAnswer } from '../../../hub/api/contract/devices.js';

export type { AlertChannels, AlertChannelsChange, ChannelTestResult, ChannelWarning, TestableChannel, WebhookTargetShown } from '../../../hub/api/contract/alert-channels.js';
export type { Alert, AlertDelivery, AlertSeverity, AlertState } from '../../../hub/api/contract/alerts.js';
export type { PasswordChangeBody, SessionInfo } from '../../../hub/api/contract/auth.js';
export type { DemoHousehold, DemoRemoval } from '../../../hub/api/contract/demo.js';
export type { BluetoothState, HubStatus } from '../../../hub/api/contract/hub-status.js';
export type { HouseholdSettings } from '../../../hub/api/contract/settings.js';
export type { SetupProgress, SetupProgressBody, SetupStep } from '../../../hub/api/contract/setup.js';
export type { DeviceSummary as Device, FoundDevice } from '../../../hub/api/contract/devices.js';
export type { DeviceDetail, DeviceEvent, DeviceEventKind, DeviceEventsPage, DeviceReading } from '../../../hub/api/contract/device-page.js';
export type { LogbookAlert, LogbookDeviceEvent, LogbookEntry, LogbookHour, LogbookMeasurement, LogbookPage as LogbookAnswer } from '../../../hub/api/contract/logbook.js';
export type { Insight, ModelOutput } from '../../../hub/api/contract/insights.js';
export type { LiveMessage, LiveReading } from '../../../hub/api/contract/live.js';
export type { LatestValue, NormalRange, PersonDeviceSummary, PersonSummary as PersonOverview, RangeLimit } from '../../../hub/api/contract/people.js';
export type { SeriesAnswer, SeriesPoint, SeriesResolution, WaveformAnswer, WaveformBlock } from '../../../hub/api/contract/series.js';
export type { SleepAnswer, SleepSessionAnswer as SleepSession } from '../../../hub/api/contract/sleep.js';
export type { ApiToken, TokenScope } from '../../../hub/api/contract/tokens.js';
export type { Role, UserJson as User } from '../../../hub/api/contract/users.js';

/**
 * The pairing window as the dashboard last heard of it. Only `GET /devices/pairing` lists what was
 * found (opening and closing answer `open` and `until`), so the pairing panel fills in the rest.
 */
export type PairingState = Pick<PairingAnswer, 'open'> & Partial<PairingAnswer>;
