import { createServer, type Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy for fault injection (tests only). The mode is read on every chunk and
 * every new connection, so a test can switch it while a query is in flight:
 * - pass: bytes flow both ways;
 * - blackhole: connections are accepted but nothing is forwarded, in either direction (a
 *   firewall that drops packets: the client waits until its own timeout);
 * - reset: new connections are reset at once, existing ones are reset when the mode is set;
 * - delay: every chunk is forwarded `delayMs` later, in order.
 */
export type ProxyMode = 'pass' | 'blackhole' | 'reset' | 'delay';

export interface TcpProxyOptions {
  targetHost: string;
  targetPort: number;
  mode?: ProxyMode;
  delayMs?: number;
}

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  readonly mode: ProxyMode;
  /** Client connections accepted since start (a retry storm shows up here). */
  readonly accepted: number;
  /** Client connections currently open. */
  readonly open: number;
  setMode(mode: ProxyMode, options?: { delayMs?: number }): void;
  /** Resets (RST) every open connection without changing the mode. */
  resetAll(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  let mode: ProxyMode = options.mode ?? 'pass';
  let delayMs = options.delayMs ?? 0;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const reset = (socket: Socket | undefined) => {
    if (!socket || socket.destroyed) return;
    // resetAndDestroy sends RST (ECONNRESET on the peer) instead of a polite FIN.
    if (typeof socket.resetAndDestroy === 'function' && socket.readyState !== 'opening') socket.resetAndDestroy();
    else socket.destroy();
  };
  /** hard: RST both sides (a fault); otherwise close politely, as a real network path would pass a FIN. */
  const drop = (pair: Pair, hard: boolean) => {
    pairs.delete(pair);
    for (const socket of [pair.client, pair.upstream]) {
      if (!socket || socket.destroyed) continue;
      if (hard) reset(socket);
      else socket.destroy();
    }
  };

  /** Forwards one direction, honouring the mode at the moment each chunk arrives. */
  const forward = (from: Socket, to: () => Socket | undefined) => {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (mode === 'blackhole') return;
      const send = () => {
        const target = to();
        if (target && !target.destroyed) target.write(chunk);
      };
      if (mode === 'delay' && delayMs > 0) {
        const wait = delayMs;
        chain = chain.then(() => new Promise<void>((resolve) => setTimeout(resolve, wait))).then(send);
      } else {
        chain = chain.then(send);
      }
    });
  };

  const server: Server = createServer({ allowHalfOpen: false }, (client) => {
    accepted++;
    const pair: Pair = { client };
    pairs.add(pair);
    client.on('error', () => drop(pair, true));
    client.on('close', () => drop(pair, false));
    if (mode === 'reset') {
      drop(pair, true);
      return;
    }
    if (mode === 'blackhole') {
      // Accept and hold: the client sees an open socket that never answers.
      client.on('data', () => {});
      return;
    }
    const upstream = new Socket();
    pair.upstream = upstream;
    upstream.on('error', () => drop(pair, true));
    upstream.on('close', () => drop(pair, false));
    forward(client, () => upstream);
    forward(upstream, () => client);
    upstream.connect(options.targetPort, options.targetHost);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not bind a TCP port');

  return {
    host: '127.0.0.1',
    port: address.port,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    setMode(next, opts = {}) {
      mode = next;
      if (opts.delayMs !== undefined) delayMs = opts.delayMs;
      if (next === 'reset') for (const pair of [...pairs]) drop(pair, true);
    },
    resetAll() {
      for (const pair of [...pairs]) drop(pair, true);
    },
    async close() {
      for (const pair of [...pairs]) drop(pair, false);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nobody listens on (connecting to it is refused). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
