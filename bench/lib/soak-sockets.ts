import WebSocket from 'ws';

/** What one dashboard socket has seen. */
export interface LiveTally {
  readings: number;
  /** Readings the hub skipped for this socket because it was behind (its `dropped` messages). */
  skipped: number;
  closed: boolean;
  closeCode: number | undefined;
  /** Oldest and newest reading time received: how much simulated time the socket has watched. */
  firstTs: number;
  lastTs: number;
}

export interface LiveClients {
  readonly tallies: readonly LiveTally[];
  /** Readings received by all sockets together. */
  total(): number;
  /** Newest minus oldest reading time seen by any socket, in ms. */
  spanMs(): number;
  close(): Promise<void>;
}

interface LiveMessage {
  readonly type?: string;
  readonly count?: number;
  readonly reading?: { readonly ts?: number };
}

function openOne(url: string, cookie: string, tally: LiveTally): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers: { cookie } });
  return new Promise<WebSocket>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as LiveMessage;
      if (message.type === 'subscribed') resolve(socket);
      else if (message.type === 'reading') {
        tally.readings += 1;
        const ts = message.reading?.ts;
        if (ts !== undefined) {
          tally.firstTs = Math.min(tally.firstTs, ts);
          tally.lastTs = Math.max(tally.lastTs, ts);
        }
      } else if (message.type === 'dropped') tally.skipped += message.count ?? 0;
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe' })));
    socket.once('error', reject);
    socket.once('close', (code) => {
      tally.closed = true;
      tally.closeCode = code;
      reject(new Error(`socket closed before subscribing (${code})`));
    });
  });
}

/** `count` dashboard sockets on /api/v1/live with the owner's cookie, each subscribed to everything. */
export async function openLiveClients(port: number, cookie: string, count: number): Promise<LiveClients> {
  const tallies: LiveTally[] = Array.from({ length: count }, () => ({ readings: 0, skipped: 0, closed: false, closeCode: undefined, firstTs: Infinity, lastTs: -Infinity }));
  const sockets = await Promise.all(tallies.map((tally) => openOne(`ws://127.0.0.1:${port}/api/v1/live`, cookie, tally)));
  return {
    tallies,
    total: () => tallies.reduce((sum, t) => sum + t.readings, 0),
    spanMs: () => {
      const first = Math.min(...tallies.map((t) => t.firstTs));
      const last = Math.max(...tallies.map((t) => t.lastTs));
      return Number.isFinite(first) && Number.isFinite(last) ? last - first : 0;
    },
    close: async () => {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.once('close', () => resolve());
              socket.close();
            }),
        ),
      );
    },
  };
}
