import { DecodeError, type DecodeOptions } from '../../../drivers/format.js';
import { findFormat, formatDecoders } from '../../../drivers/formats.js';
import { metricDefinition } from '../../../core/metrics.js';
import { parseArgs, requiredOption, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';

function bytesFromHex(name: string, text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new UsageError(`--${name} must be hexadecimal bytes (two digits a byte), got "${text}"`);
  }
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

/** `decode --format <id> --hex <bytes> [--key <hex>] [--mac <address>]` and `decode --list`. */
export const decodeCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['format', 'hex', 'key', 'mac', 'utc-offset'], ['list']);
  if (parsed.options.get('list') === true) {
    const list = [...formatDecoders.values()].map((f) => ({ id: f.id, description: f.description }));
    io.stdout(JSON.stringify({ formats: list }, null, 2));
    return 0;
  }
  const formatId = requiredOption(parsed, 'format');
  const decoder = findFormat(formatId);
  if (decoder === undefined) {
    throw new UsageError(`unknown format "${formatId}"; \`decode --list\` prints the known ones`);
  }
  const bytes = bytesFromHex('hex', requiredOption(parsed, 'hex'));
  const key = stringOption(parsed, 'key');
  const mac = stringOption(parsed, 'mac');
  const offset = stringOption(parsed, 'utc-offset');
  const options: DecodeOptions = {
    ...(key !== undefined ? { key: bytesFromHex('key', key) } : {}),
    ...(mac !== undefined ? { mac } : {}),
    ...(offset !== undefined ? { utcOffsetMinutes: Number(offset) } : {}),
  };
  try {
    const result = decoder.decode(bytes, options);
    const readings = result.readings.map((r) => ({ ...r, unit: metricDefinition(r.metric).unit }));
    io.stdout(JSON.stringify({ ...result, readings }, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof DecodeError) {
      io.stderr(`cannot decode: ${error.message}`);
      return 1;
    }
    throw error;
  }
};
