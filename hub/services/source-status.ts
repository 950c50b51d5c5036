/**
 * What the hub's sources say about themselves, for the dashboard: whether the Bluetooth radio can
 * be used (and why not), and whether the household on screen is the simulated one. The sources
 * report here as their state changes; the API only reads.
 */

/** Why Bluetooth cannot be used: no adapter, no permission, the adapter off, noble not loading, or switched off in the config. */
export type BluetoothProblem = 'no_adapter' | 'permission' | 'powered_off' | 'not_loaded' | 'disabled';

export type BluetoothStatus =
  | { readonly state: 'ready'; readonly emulated: boolean }
  /** The part has not started yet, or the adapter has not said what state it is in. */
  | { readonly state: 'starting' }
  | { readonly state: 'unavailable'; readonly problem: BluetoothProblem; readonly detail: string };

const NOT_RUNNING: BluetoothStatus = { state: 'unavailable', problem: 'disabled', detail: 'Bluetooth is switched off in the configuration (ble.enabled: false)' };

export class SourceStatus {
  private radio: BluetoothStatus = NOT_RUNNING;
  private simulations = 0;

  get bluetooth(): BluetoothStatus {
    return this.radio;
  }

  /** The Bluetooth part says what it found; `undefined` when it stops. */
  reportBluetooth(status: BluetoothStatus | undefined): void {
    this.radio = status ?? NOT_RUNNING;
  }

  /** True while the simulated household streams readings. */
  get simulated(): boolean {
    return this.simulations > 0;
  }

  simulationStarted(): void {
    this.simulations += 1;
  }

  simulationStopped(): void {
    this.simulations = Math.max(0, this.simulations - 1);
  }
}
