/** A device's own name, or failing that what it is: "sim:strap-alex" is no name for a person. */
export function deviceName(device: { readonly name?: string | null; readonly driver?: string | null; readonly id?: string; readonly deviceId?: string }): string {
  if (device.name !== undefined && device.name !== null && device.name.trim() !== '') return device.name;
  const id = device.id ?? device.deviceId ?? 'device';
  if (device.driver !== undefined && device.driver !== null && device.driver !== '') return `${humanDriver(device.driver)} (${id.split(/[:/]/).pop() ?? id})`;
  return id;
}

function humanDriver(driver: string): string {
  const words = driver.replace(/[-_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
