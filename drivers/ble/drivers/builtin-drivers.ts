import type { BleDriver } from './ble-driver.js';
import { bloodPressureDriver } from './blood-pressure.js';
import { bodyCompositionDriver } from './body-composition.js';
import { bthomeDriver } from './bthome.js';
import { cgmDriver } from './cgm.js';
import { glucoseDriver } from './glucose.js';
import { healthThermometerDriver } from './health-thermometer.js';
import { heartRateDriver } from './heart-rate.js';
import { miScaleV1Driver, miScaleV2Driver } from './mi-scale.js';
import { polarH10Driver } from './polar-h10.js';
import { berryMedOximeterDriver, jumperOximeterDriver } from './proprietary-oximeters.js';
import { pulseOximeterDriver } from './pulse-oximeter.js';
import { weightScaleDriver } from './weight-scale.js';

/** Every driver shipped with the hub. */
export const BUILTIN_BLE_DRIVERS: readonly BleDriver[] = [
  heartRateDriver,
  polarH10Driver,
  healthThermometerDriver,
  bloodPressureDriver,
  // Before the weight scale: a body composition scale advertises both services.
  bodyCompositionDriver,
  weightScaleDriver,
  pulseOximeterDriver,
  glucoseDriver,
  cgmDriver,
  bthomeDriver,
  miScaleV1Driver,
  miScaleV2Driver,
  berryMedOximeterDriver,
  jumperOximeterDriver,
];
