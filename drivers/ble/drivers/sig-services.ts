/** Bluetooth SIG service and characteristic UUIDs the drivers use (docs/protocols.md §1.1). */
export const SERVICE = {
  heartRate: '180d',
  healthThermometer: '1809',
  bloodPressure: '1810',
  weightScale: '181d',
  bodyComposition: '181b',
  pulseOximeter: '1822',
  glucose: '1808',
  cgm: '181f',
  battery: '180f',
  deviceInformation: '180a',
  currentTime: '1805',
  bthome: 'fcd2',
} as const;

export const CHARACTERISTIC = {
  heartRateMeasurement: '2a37',
  bodySensorLocation: '2a38',
  temperatureMeasurement: '2a1c',
  intermediateTemperature: '2a1e',
  bloodPressureMeasurement: '2a35',
  weightMeasurement: '2a9d',
  bodyCompositionMeasurement: '2a9c',
  plxSpotCheck: '2a5e',
  plxContinuous: '2a5f',
  plxFeatures: '2a60',
  glucoseMeasurement: '2a18',
  recordAccessControlPoint: '2a52',
  cgmMeasurement: '2aa7',
  batteryLevel: '2a19',
  currentTime: '2a2b',
  localTimeInformation: '2a0f',
  manufacturerName: '2a29',
  modelNumber: '2a24',
  serialNumber: '2a25',
  firmwareRevision: '2a26',
} as const;

/** Proprietary services (docs/protocols.md §3). */
export const POLAR_PMD = {
  service: 'fb005c8002e7f3871cad8acd2d8df0c8',
  controlPoint: 'fb005c8102e7f3871cad8acd2d8df0c8',
  data: 'fb005c8202e7f3871cad8acd2d8df0c8',
} as const;

export const BERRYMED = {
  service: '49535343fe7d4ae58fa99fafd205e455',
  notify: '495353431e4d4bd9ba6123c647249616',
  write: '49535343884143f4a8d4ecbe34729bb3',
} as const;

export const JUMPER = {
  service: 'cdeacb8052354c07884693a37ee6b86d',
  notify: 'cdeacb8152354c07884693a37ee6b86d',
} as const;
