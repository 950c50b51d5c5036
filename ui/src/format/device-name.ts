interface NamedDevice {
  readonly name?: string | null;
  /** What the device is, from its driver ("Polar H10 chest strap"). */
  readonly kind?: string | null;
  readonly driver?: string | null;
}

/**
 * What to call a device: the name the household gave it, else what it is ("Polar H10 chest
 * strap"), else its driver in words. Never its id: "sim:strap-alex" is no name for a person.
 */
export function deviceName(device: NamedDevice): string {
  const given = device.name?.trim() ?? '';
  if (given !== '') return given;
  const kind = device.kind?.trim() ?? '';
  if (kind !== '') return kind;
  if (device.driver !== undefined && device.driver !== null && device.driver !== '') return humanDriver(device.driver);
  return 'Unknown device';
}

/** "ble-heart-rate" → "Heart rate device". */
function humanDriver(driver: string): string {
  const words = driver.replace(/^(ble|serial|mqtt)-/, '').replace(/[-_.]/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} device`;
}
