import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { PacketSizeScanner } from './packet-size-scanner.js';

/** The broker's port is held by another program: said in words a user can act on. */
export class MqttPortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`MQTT port ${port} on ${host} is already in use by another program (another MQTT broker?); stop it, or choose another port with HEARTH_MQTT_PORT or mqtt.port in the config`);
    this.name = 'MqttPortInUseError';
  }
}

export class MqttTlsFileError extends Error {
  override name = 'MqttTlsFileError';
}

export interface ListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly maxConnections: number;
  /** Largest remaining length of one MQTT packet. */
  readonly maxPacketBytes: number;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** Hands an accepted, size-guarded connection to the broker. */
  readonly handle: (socket: Socket) => void;
  readonly onOversized: (remoteAddress: string | undefined) => void;
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
 * Watches what the broker reads from the socket: a packet announcing more than the limit closes
 * the connection at its header, before the broker's parser would buffer the whole body.
 */
function guardPacketSize(socket: Socket, options: ListenerOptions): void {
  const scanner = new PacketSizeScanner(options.maxPacketBytes);
  const read = socket.read.bind(socket);
  socket.read = (size?: number): unknown => {
    const chunk: unknown = read(size);
    if (chunk instanceof Uint8Array && !scanner.feed(chunk)) {
      options.onOversized(socket.remoteAddress);
      socket.destroy();
      return null;
    }
    return chunk;
  };
}

/** Starts one TCP (or TLS) listener for the broker; resolves once it listens. */
export async function listenForMqtt(options: ListenerOptions): Promise<Server> {
  const onConnection = (socket: Socket): void => {
    guardPacketSize(socket, options);
    options.handle(socket);
  };
  const server = options.tls === undefined ? createServer(onConnection) : createTlsServer({ cert: readTlsFile(options.tls.certFile, 'certFile'), key: readTlsFile(options.tls.keyFile, 'keyFile') }, onConnection);
  server.maxConnections = options.maxConnections;
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
