import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { ConnectionAdmission } from './connection-admission.js';
import { PacketFilter, type OversizedPublish, type PacketFilterLimits } from './packet-filter.js';

/** The broker's port is held by another program: said in words a user can act on. */
export class MqttPortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`MQTT port ${port} on ${host} is already in use by another program (another MQTT broker?); stop it, choose another port with HEARTH_MQTT_PORT or mqtt.port in the config, or turn the embedded broker off with mqtt.enabled: false`);
    this.name = 'MqttPortInUseError';
  }
}

export class MqttTlsFileError extends Error {
  override name = 'MqttTlsFileError';
}

export interface ListenerOptions {
  readonly host: string;
  readonly port: number;
  /** Every socket at once, authenticated or not: the kernel's last word. */
  readonly maxSockets: number;
  readonly packets: PacketFilterLimits;
  /** Sockets not yet authenticated: per address, in all, and how long they may take. */
  readonly admission: ConnectionAdmission;
  readonly tls?: { readonly certFile: string; readonly keyFile: string; readonly handshakeTimeoutMs: number };
  /** Hands an accepted, filtered connection to the broker. */
  readonly handle: (socket: Socket) => void;
  /** An oversized PUBLISH was taken off the stream: answer it (or close the socket). */
  readonly onOversizedPublish: (socket: Socket, publish: OversizedPublish) => void;
  /** Any other packet over the limit: the socket is closed. */
  readonly onOversizedPacket: (remoteAddress: string | undefined) => void;
  readonly onDropped: (remoteAddress: string | undefined) => void;
}

function readTlsFile(path: string, what: string): Buffer {
  if (path === '') throw new MqttTlsFileError(`mqtt.tls is enabled but mqtt.tls.${what} is not set`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new MqttTlsFileError(`cannot read the MQTT TLS ${what} ${path}: ${(error as Error).message}`);
  }
}

/**
 * Watches what the broker reads from the socket: an oversized PUBLISH is taken out before the
 * broker's parser would buffer it, any other oversized packet closes the connection at its
 * header, and a complete CONNECT tells admission that the client is no longer idle.
 */
function filterPackets(socket: Socket, options: ListenerOptions): void {
  const filter = new PacketFilter(options.packets);
  const read = socket.read.bind(socket);
  socket.read = (size?: number): unknown => {
    const chunk: unknown = read(size);
    if (!(chunk instanceof Uint8Array)) return chunk;
    const filtered = filter.feed(chunk);
    if (filtered === undefined) {
      options.onOversizedPacket(socket.remoteAddress);
      socket.destroy();
      return null;
    }
    if (filtered.connectSeen) options.admission.connectReceived(socket);
    for (const publish of filtered.oversized) options.onOversizedPublish(socket, publish);
    return filtered.pass ?? null;
  };
}

/** Starts one TCP (or TLS) listener for the broker; resolves once it listens. */
export async function listenForMqtt(options: ListenerOptions): Promise<Server> {
  const hand = (socket: Socket): void => {
    if (socket.destroyed) return;
    filterPackets(socket, options);
    options.handle(socket);
  };
  const server =
    options.tls === undefined
      ? createServer()
      : createTlsServer({ cert: readTlsFile(options.tls.certFile, 'certFile'), key: readTlsFile(options.tls.keyFile, 'keyFile'), handshakeTimeout: options.tls.handshakeTimeoutMs });
  // The raw socket is admitted (or not) before anything is read from it, TLS handshake included.
  server.on('connection', (socket: Socket) => {
    if (!options.admission.admit(socket)) {
      socket.destroy();
      return;
    }
    if (options.tls === undefined) hand(socket);
  });
  if (options.tls !== undefined) server.on('secureConnection', hand);
  server.maxConnections = options.maxSockets;
  server.on('drop', (data?: { remoteAddress?: string }) => options.onDropped(data?.remoteAddress));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new MqttPortInUseError(options.host, options.port) : error));
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

export async function closeListener(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
