/** The HTTP and live API contract (/api/v1) as the dashboard sees it. */

/** owner, member or viewer; a newer hub may add roles, so any string is accepted. */
export type Role = string;

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly personId?: string | null;
}

export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string;
}

export interface LatestValue {
  readonly value: number;
  readonly unit: string;
  readonly ts: number;
}

export interface PersonDeviceSummary {
  readonly id: string;
  readonly name: string | null;
  readonly battery?: number | null;
  readonly lastSeen?: number | null;
}

export interface PersonOverview {
  readonly id: string;
  readonly name: string;
  readonly latest: Readonly<Record<string, LatestValue>>;
  readonly devices: readonly PersonDeviceSummary[];
}

export type SeriesResolution = 'raw' | 60 | 3600 | 86400;

export interface SeriesPoint {
  readonly ts: number;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export interface SeriesAnswer {
  readonly resolution: SeriesResolution;
  readonly bucketMs: number | null;
  readonly points: readonly SeriesPoint[];
}

export interface WaveformBlock {
  readonly metric: string;
  readonly deviceId: string;
  readonly t0: number;
  readonly rateHz: number;
  readonly samples: readonly number[];
}

export interface Device {
  readonly id: string;
  readonly name: string | null;
  readonly driver: string | null;
  readonly personId?: string | null;
  readonly userSlots?: Readonly<Record<string, string>> | null;
  readonly lastSeen?: number | null;
  readonly battery?: number | null;
}

export interface FoundDevice {
  readonly deviceId: string;
  readonly name: string | null;
  readonly driver: string | null;
  readonly rssi?: number | null;
  readonly ts: number;
}

export interface PairingState {
  readonly open: boolean;
  readonly until?: number | null;
  readonly found?: readonly FoundDevice[];
}

export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertState = 'raised' | 'notified' | 'acknowledged' | 'resolved';

export interface Alert {
  readonly id: string;
  readonly personId?: string | null;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly spoken?: string;
  readonly explanation?: string;
  readonly state: AlertState;
  readonly raisedAt: number;
  readonly acknowledgedBy?: string | null;
  readonly acknowledgedAt?: number | null;
  readonly resolvedAt?: number | null;
}

export interface Insight {
  readonly id: string;
  readonly personId?: string | null;
  readonly model: string;
  readonly title: string;
  readonly explanation: string;
  readonly ts: number;
  readonly score?: number | null;
}

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt?: number;
  readonly lastUsedAt?: number | null;
  /** Only in the answer that creates the token: shown once, never again. */
  readonly token?: string;
}

export interface LiveReading {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly ts: number;
  readonly deviceId: string;
  readonly personId?: string | null;
  readonly tsSource: 'device' | 'hub';
  readonly flags?: readonly string[];
}

export type LiveMessage =
  | { readonly id?: number; readonly type: 'reading'; readonly reading: LiveReading }
  | { readonly id?: number; readonly type: 'device'; readonly device?: Partial<Device> & { readonly id: string }; readonly [key: string]: unknown }
  | { readonly id?: number; readonly type: 'alert'; readonly alert: Alert }
  | { readonly id?: number; readonly type: 'dropped'; readonly count: number };
