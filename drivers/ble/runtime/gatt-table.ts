import type { GattOperations } from './gatt-operations.js';
import type { NobleCharacteristic, NoblePeripheral } from './noble-types.js';
import { shortUuid } from '../drivers/ble-driver.js';

/** A connected peripheral's services and characteristics, discovered once per connection. */
export class GattTable {
  private constructor(private readonly byService: ReadonlyMap<string, readonly NobleCharacteristic[]>) {}

  static async discover(peripheral: NoblePeripheral, ops: GattOperations): Promise<GattTable> {
    const table = new Map<string, NobleCharacteristic[]>();
    for (const service of await ops.services(peripheral)) {
      table.set(shortUuid(service.uuid), await ops.characteristics(service));
    }
    return new GattTable(table);
  }

  find(service: string, characteristic: string): NobleCharacteristic | undefined {
    return this.byService.get(shortUuid(service))?.find((c) => shortUuid(c.uuid) === shortUuid(characteristic));
  }
}
