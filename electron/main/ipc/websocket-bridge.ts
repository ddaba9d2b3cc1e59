import type { WebSocket } from 'ws';
import { EVENT_CHANNEL } from '../../../shared/ipc/bridge';
import type { EventName } from '../../../shared/ipc/channels';
import type { SenderInfo } from '../security/trusted-sender';
import type { EventSink } from './emit';
import type { Router } from './router';

/**
 * Browser mode's IPC, beside `electron-bridge.ts`: one WebSocket per page carries the same
 * envelopes the router returns in Electron. Frames are JSON:
 *   page -> main   {"id": 1, "channel": "records.page", "input": {...}}
 *   main -> page   {"id": 1, "reply": <envelope>}      {"event": "schema.changed", "payload": {...}}
 * The socket was admitted by the server (token, Host, Origin; electron/main/web/server.ts); the
 * router still makes its own decision from the sender derived here, as it does from Electron's
 * frame, so a socket the server let through by mistake is refused by the same rule (SEC-06).
 */

/** What the server learnt about a socket at upgrade time. */
export interface SocketIdentity {
  /** The `Origin` header of the upgrade request (already compared with the served origin). */
  origin: string | undefined;
  /** The token session: true only when the upgrade carried the per-start token. */
  authenticated: boolean;
}

/**
 * The socket's SenderInfo: a token-authenticated socket speaks for the main frame of the page
 * at its Origin (a WebSocket has no sub-frame notion: each page opens its own). Anything else has
 * no sender, like a detached Electron frame.
 */
export function senderOfSocket(identity: SocketIdentity | null | undefined): SenderInfo {
  if (!identity?.authenticated || typeof identity.origin !== 'string') return { frameUrl: null, isMainFrame: false };
  return { frameUrl: `${identity.origin}/`, isMainFrame: true };
}

interface Request {
  id: number;
  channel: unknown;
  input: unknown;
}

function parseRequest(data: unknown): Request | null {
  let value: unknown;
  try {
    value = JSON.parse(String(data));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, channel, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
  return { id, channel, input };
}

export interface SocketBinding {
  /** This socket as an event target for `createEmitter`. */
  sink: EventSink;
}

/**
 * Serves one socket: each request goes to `router.call` with the socket's sender and its reply
 * goes back with the request's id. A frame that is not a request (not JSON, no integer id) is a
 * protocol error: the socket is closed (1008) and nothing reaches the router.
 */
export function bindSocket(socket: WebSocket, router: Router, identity: SocketIdentity): SocketBinding {
  const sender = senderOfSocket(identity);
  socket.on('message', (data, isBinary) => {
    const request = isBinary ? null : parseRequest(data);
    if (!request) {
      socket.close(1008, 'Malformed request frame');
      return;
    }
    router.call(request.channel, request.input, sender).then(
      (reply) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: request.id, reply }));
      },
      // The router answers every call with an envelope; reaching here is a main-side bug.
      () => socket.close(1011, 'Internal error'),
    );
  });
  return {
    sink: {
      isDestroyed: () => socket.readyState !== socket.OPEN,
      getURL: () => sender.frameUrl ?? '',
      send: (channel: string, event: EventName, payload: unknown) => {
        if (channel !== EVENT_CHANNEL) return;
        socket.send(JSON.stringify({ event, payload }));
      },
    },
  };
}
