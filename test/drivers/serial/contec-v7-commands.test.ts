import t from 'tap';
import { CONTEC_V7_KEEP_ALIVE, CONTEC_V7_START_REALTIME, CONTEC_V7_STOP_REALTIME, contecV7Command } from '../../../drivers/serial/contec-v7.js';
import { contecV7Driver } from '../../../drivers/serial/serial-drivers.js';

/**
 * The commands a Contec V7 oximeter answers to, byte for byte as the tools that drive real
 * devices send them: bit 7 set on every byte after the 0x7D type, the high-byte 0x81 saying the
 * command's own bit 7 is 1 (docs/protocols.md §4.2).
 */

const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex').toUpperCase();

const OSCAR = 'james-coder/OSCAR-code oscar/SleepLib/loader_plugins/cms50f37_loader.cpp sendCommand (cmd[2] = 0x80 | command)';
const CMS50EW = 'tobac/cms50ew cms50ew/cms50ew.py CMS50EW.__init__';

t.test('start, stop and keep-alive go out as the peers send them', async (t) => {
  t.equal(hex(CONTEC_V7_START_REALTIME), '7D81A1808080808080', `start real-time: cmd_get_live_data of ${CMS50EW}`);
  t.equal(hex(CONTEC_V7_STOP_REALTIME), '7D81A2808080808080', `stop real-time: COMMAND_CMS50_HELLO2 of ${OSCAR}; cmd_hello2 of ${CMS50EW}`);
  t.equal(hex(CONTEC_V7_KEEP_ALIVE), '7D81AF808080808080', `inform device connected: cmd_session_stuff of ${CMS50EW}`);
  t.equal(hex(contecV7Command(0xa7)), '7D81A7808080808080', `stop stored data: COMMAND_CMS50_HELLO1 of ${OSCAR}`);
  t.equal(hex(contecV7Command(0xb0)), '7D81B0808080808080', `device information: COMMAND_GET_OXIMETER_INFO of ${OSCAR}; cmd_get_info of ${CMS50EW}`);
});

t.test('every byte after the type byte has bit 7 set, as the V7.0 framing requires', async (t) => {
  for (const command of [0xa0, 0xa1, 0xa2, 0xa7, 0xaf, 0xb0, 0xb2]) {
    const bytes = contecV7Command(command);
    t.ok(bytes.subarray(1).every((b) => (b & 0x80) !== 0), `0x${command.toString(16)}: ${hex(bytes)}`);
    t.equal(((bytes[2] ?? 0) & 0x7f) | (((bytes[1] ?? 0) & 1) << 7), command, 'the high-byte restores the command');
  }
});

t.test('the driver opens the stream with those bytes', async (t) => {
  t.same(contecV7Driver.startCommands.map(hex), ['7D81A1808080808080']);
  t.equal(hex(contecV7Driver.keepAlive?.command), '7D81AF808080808080');
});
