/**
 * The idle-socket flood of bench/hub-under-flood.ts, in a worker thread: `sockets` TCP connections
 * to the MQTT port that never send a CONNECT, each reopened the moment the hub closes it, until
 * `durationMs` has passed (the probe's 100 idle sockets that once kept every device out).
 */
import { createConnection, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface SocketFloodOrder {
  readonly host: string;
  readonly port: number;
  readonly sockets: number;
  readonly durationMs: number;
}

export interface SocketFloodTally {
  readonly opened: number;
  readonly closedByHub: number;
}

const order = workerData as SocketFloodOrder;
const deadline = performance.now() + order.durationMs;
const open = new Set<Socket>();
let opened = 0;
let closedByHub = 0;

function openOne(): void {
  if (performance.now() >= deadline) return;
  const socket = createConnection({ host: order.host, port: order.port });
  opened++;
  open.add(socket);
  socket.on('error', () => undefined);
  socket.on('close', () => {
    open.delete(socket);
    if (performance.now() < deadline) {
      closedByHub++;
      // A short pause, as an attacker's loop would have between attempts; no busy spin.
      setTimeout(openOne, 5);
    }
  });
}

for (let i = 0; i < order.sockets; i++) openOne();
await new Promise((resolve) => setTimeout(resolve, order.durationMs));
for (const socket of open) socket.destroy();
parentPort?.postMessage({ opened, closedByHub } satisfies SocketFloodTally);
