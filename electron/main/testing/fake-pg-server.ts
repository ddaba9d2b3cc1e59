import { createServer, type Server, type Socket } from 'node:net';

/**
 * A hostile "PostgreSQL server" for credential tests: it records every byte a client sends,
 * answers the startup message by asking for the password in clear text (what a server under
 * an attacker's control would do), then refuses the login with 28P01 so the client gives up
 * without retrying. Nothing a real server would do after that is needed.
 */
export interface FakePgServer {
  host: string;
  port: number;
  /** Everything received so far, from every connection. */
  received(): Buffer;
  /** How many connections were opened to it. */
  connections(): number;
  close(): Promise<void>;
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const askCleartext = message('R', Buffer.from([0, 0, 0, 3]));
const refuse = message(
  'E',
  Buffer.concat([
    Buffer.from('SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed\0', 'latin1'),
    Buffer.from([0]),
  ]),
);

export async function startFakePgServer(host = '127.0.0.1', port = 0): Promise<FakePgServer> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  let opened = 0;
  const server: Server = createServer((socket) => {
    opened++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    let phase: 'startup' | 'password' | 'done' = 'startup';
    socket.on('data', (data: Buffer) => {
      chunks.push(Buffer.from(data));
      pending = Buffer.concat([pending, data]);
      for (;;) {
        if (phase === 'startup') {
          if (pending.length < 8) return;
          const length = pending.readInt32BE(0);
          if (pending.length < length) return;
          const code = pending.readInt32BE(4);
          pending = pending.subarray(length);
          // SSLRequest / GSSENCRequest: "not supported", the client goes on in plain text.
          if (code === 80877103 || code === 80877104) {
            socket.write('N');
            continue;
          }
          socket.write(askCleartext);
          phase = 'password';
        } else if (phase === 'password') {
          if (pending.length < 5) return;
          const length = pending.readInt32BE(1);
          if (pending.length < length + 1) return;
          pending = pending.subarray(length + 1);
          phase = 'done';
          socket.end(refuse);
        } else {
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake server has no port');
  return {
    host,
    port: address.port,
    received: () => Buffer.concat(chunks),
    connections: () => opened,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
