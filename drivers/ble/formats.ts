import type { FormatDecoder } from '../format.js';
import { batteryLevelDecoder } from './decoders/battery-level.js';
import { bloodPressureMeasurementDecoder } from './decoders/blood-pressure-measurement.js';
import { bodyCompositionMeasurementDecoder } from './decoders/body-composition-measurement.js';
import { bodySensorLocationDecoder } from './decoders/body-sensor-location.js';
import { bthomeDecoder } from './decoders/bthome.js';
import { cgmMeasurementDecoder } from './decoders/cgm-measurement.js';
import { currentTimeDecoder } from './decoders/current-time.js';
import { glucoseMeasurementDecoder } from './decoders/glucose-measurement.js';
import { heartRateMeasurementDecoder } from './decoders/heart-rate-measurement.js';
import { intermediateTemperatureDecoder } from './decoders/intermediate-temperature.js';
import { jumperOximeterDecoder } from './decoders/jumper-oximeter.js';
import { miScaleV1Decoder } from './decoders/mi-scale-v1.js';
import { miScaleV2Decoder } from './decoders/mi-scale-v2.js';
import { plxContinuousMeasurementDecoder } from './decoders/plx-continuous-measurement.js';
import { plxFeaturesDecoder } from './decoders/plx-features.js';
import { plxSpotCheckMeasurementDecoder } from './decoders/plx-spot-check-measurement.js';
import { polarPmdEcgDecoder } from './decoders/polar-pmd-ecg.js';
import { recordAccessControlPointDecoder } from './decoders/record-access-control-point.js';
import { temperatureMeasurementDecoder } from './decoders/temperature-measurement.js';
import { weightMeasurementDecoder } from './decoders/weight-measurement.js';

/** Every Bluetooth wire format the hub decodes. */
export const bleFormats: readonly FormatDecoder[] = [
  heartRateMeasurementDecoder,
  bodySensorLocationDecoder,
  temperatureMeasurementDecoder,
  intermediateTemperatureDecoder,
  bloodPressureMeasurementDecoder,
  weightMeasurementDecoder,
  bodyCompositionMeasurementDecoder,
  plxSpotCheckMeasurementDecoder,
  plxContinuousMeasurementDecoder,
  plxFeaturesDecoder,
  glucoseMeasurementDecoder,
  cgmMeasurementDecoder,
  recordAccessControlPointDecoder,
  batteryLevelDecoder,
  currentTimeDecoder,
  bthomeDecoder,
  miScaleV1Decoder,
  miScaleV2Decoder,
  polarPmdEcgDecoder,
  jumperOximeterDecoder,
];
