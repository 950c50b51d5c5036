#!/usr/bin/env node
import { UsageError, type Command, type CommandIo } from './command.js';

/**
 * Each command is loaded only when it runs, so that a quick command (`decode`, scripted per payload)
 * does not pay for loading the whole hub.
 */
const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  run: { load: async () => (await import('./commands/run.js')).runCommand, summary: 'start the hub: run [--config <file>] [--log-format auto|pretty|json]' },
  stats: {
    load: async () => (await import('./commands/stats.js')).statsCommand,
    summary: 'counts of series, readings and rejections: stats [--data-dir <dir>]',
  },
  decode: {
    load: async () => (await import('./commands/decode.js')).decodeCommand,
    summary: 'decode one payload: --format <id> --hex <bytes> [--key <hex>] [--mac <addr>] | --list',
  },
  relay: {
    load: async () => (await import('./commands/relay.js')).relayCommand,
    summary: 'cloud relay: relay verify-consent | relay sent [--limit <n>] [--data-dir <dir>]',
  },
  eval: { load: async () => (await import('./commands/eval.js')).evalCommand, summary: 'evaluate a shipped model: eval <model> --data <dir>' },
  backup: {
    load: async () => (await import('./commands/backup.js')).backupCommand,
    summary: 'snapshot the database now (safe while the hub runs): backup [--data-dir <dir>] [--dir <backup dir>] [--keep <n>]',
  },
  restore: {
    load: async () => (await import('../backup/restore-command.js')).restoreCommand,
    summary: 'put a backup in place of the database (hub stopped): restore <file|latest> | --list | restore --relay <url> (cloud)',
  },
  'mqtt-user': {
    load: async () => (await import('./commands/mqtt-credentials.js')).mqttCredentialsCommand,
    summary: 'MQTT credentials: mqtt-user add <name> --role <role> [--device <id>] [--person <id>] | list | remove <name>',
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['usage: hearth <command> [options]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const io: CommandIo = {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr(`hearth: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`hearth ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
