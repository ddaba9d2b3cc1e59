import { request } from 'node:http';
import WebSocket from 'ws';

/** Test helpers: plain HTTP requests and sockets with exactly the headers a test chooses. */

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it once open, or with the HTTP status the upgrade was refused with. */
export function openSocket(
  url: string,
  headers: Record<string, string>,
  options: { autoPong?: boolean; maxPayload?: number } = {},
): Promise<{ socket: WebSocket; frames: string[] } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, ...options });
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(String(data)));
    socket.once('open', () => resolve({ socket, frames }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

/** Sends one request frame and resolves with the reply envelope of that id. */
export function call(socket: WebSocket, id: number, channel: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { id?: number; reply?: unknown };
      if (frame.id !== id) return;
      socket.off('message', onMessage);
      resolve(frame.reply);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, channel, input }));
  });
}

/** Resolves with the close code once the socket is closed. */
export function closed(socket: WebSocket): Promise<number> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(1006);
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}
