import type { FormatDecoder } from '../format.js';
import { bloodPressureMeasurementDecoder } from './decoders/blood-pressure-measurement.js';
import { heartRateMeasurementDecoder } from './decoders/heart-rate-measurement.js';
import { intermediateTemperatureDecoder } from './decoders/intermediate-temperature.js';
import { plxContinuousMeasurementDecoder } from './decoders/plx-continuous-measurement.js';
import { temperatureMeasurementDecoder } from './decoders/temperature-measurement.js';
import { weightMeasurementDecoder } from './decoders/weight-measurement.js';

/** Every Bluetooth wire format the hub decodes. */
export const bleFormats: readonly FormatDecoder[] = [
  heartRateMeasurementDecoder,
  temperatureMeasurementDecoder,
  intermediateTemperatureDecoder,
  bloodPressureMeasurementDecoder,
  weightMeasurementDecoder,
  plxContinuousMeasurementDecoder,
];
