/** What simulated devices and emulated peripherals send, one encoder per characteristic. */
export { encodeBatteryLevel } from './battery-level.js';
export { encodeBloodPressureMeasurement, type BloodPressureMeasurementInput } from './blood-pressure-measurement.js';
export { encodeCgmMeasurement, type CgmRecordInput } from './cgm-measurement.js';
export { encodeGlucoseMeasurement, glucoseConcentrationFromMgDl, type GlucoseMeasurementInput, type GlucoseSample } from './glucose-measurement.js';
export { encodeHeartRateMeasurement, rrMsToRaw, type HeartRateMeasurementInput } from './heart-rate-measurement.js';
export { encodePlxContinuousMeasurement, type PlxContinuousMeasurementInput, type SpO2PulsePair } from './plx-continuous-measurement.js';
export { encodePlxSpotCheckMeasurement, type PlxSpotCheckMeasurementInput } from './plx-spot-check-measurement.js';
export { encodeRacpNumberOfRecords, encodeRacpRequest, encodeRacpResponseCode, type RacpRequest } from './record-access-control-point.js';
export { encodeTemperatureMeasurement, type TemperatureMeasurementInput } from './temperature-measurement.js';
export { encodeWeightMeasurement, type WeightMeasurementInput } from './weight-measurement.js';
export { dateTimeAt, type DateTimeFields } from '../codec/date-time.js';
