import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { systemClock } from '../../../core/clock.js';
import { MqttCredentialError, MqttCredentials } from '../../mqtt/mqtt-credentials.js';
import { isMqttRole, MQTT_ROLES } from '../../mqtt/mqtt-principal.js';
import { parseArgs, requiredOption, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { locateDatabase } from '../database-location.js';

const USAGE = `mqtt-user add <name> --role ${MQTT_ROLES.join('|')} [--device <id>] [--person <id>] | list | remove <name>  [--config <file>] [--data-dir <dir>]`;

/**
 * `mqtt-user add|list|remove`: the MQTT credentials of devices, gateways, speakers, integrations
 * and household members. `add` prints the generated secret once, as JSON; only its hash is kept.
 * Safe while the hub runs: a removed credential's connections are closed within seconds.
 */
export const mqttCredentialsCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['role', 'device', 'person', 'config', 'data-dir']);
  const [action, name, ...extra] = parsed.positional;
  if (action === undefined || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
  const { file } = locateDatabase(parsed);
  if (!existsSync(file)) {
    io.stderr(`hearth mqtt-user: no database at ${file}; start the hub once first, or pass --data-dir`);
    return 1;
  }
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const credentials = new MqttCredentials(db, systemClock);
    switch (action) {
      case 'add': {
        if (name === undefined) throw new UsageError(`usage: ${USAGE}`);
        const role = requiredOption(parsed, 'role');
        if (!isMqttRole(role)) throw new UsageError(`--role must be one of ${MQTT_ROLES.join(', ')}`);
        const deviceId = stringOption(parsed, 'device');
        const personId = stringOption(parsed, 'person');
        const { credential, secret } = await credentials.add({ name, role, ...(deviceId !== undefined ? { deviceId } : {}), ...(personId !== undefined ? { personId } : {}) });
        io.stdout(JSON.stringify({ ...credential, username: credential.name, password: secret, note: 'the password is shown only now' }, null, 2));
        return 0;
      }
      case 'list':
        io.stdout(JSON.stringify(credentials.list(), null, 2));
        return 0;
      case 'remove':
        if (name === undefined) throw new UsageError(`usage: ${USAGE}`);
        if (!credentials.remove(name)) {
          io.stderr(`hearth mqtt-user: no credential named "${name}"`);
          return 1;
        }
        io.stdout(JSON.stringify({ removed: name }));
        return 0;
      default:
        throw new UsageError(`unknown action "${action}"; usage: ${USAGE}`);
    }
  } catch (error) {
    if (error instanceof MqttCredentialError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
};
