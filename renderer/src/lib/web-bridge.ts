import { BRIDGE_KEY } from '../../../shared/ipc/bridge';
import { isChannel, isEventName } from '../../../shared/ipc/channels';
import { hasUnsavedWork } from './unsaved-work';

/**
 * Browser mode's `window.warden`: the preload's surface and rules (exactly `invoke` and `on`;
 * unknown channels and events refused before anything is sent; listeners get the payload only),
 * over one WebSocket to the same origin (electron/main/ipc/websocket-bridge.ts for the frames).
 * The socket authenticates with the HttpOnly session cookie the server set when the page was
 * loaded with its token; this module never sees the token. Installed only where no preload
 * defined the bridge, i.e. never inside Electron.
 */

type Reply = { resolve: (reply: unknown) => void; reject: (error: Error) => void };

function createWebBridge(socketUrl: string) {
  const pending = new Map<number, Reply>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  const fail = (reason: string) => {
    for (const reply of pending.values()) reply.reject(new Error(reason));
    pending.clear();
  };

  const onMessage = (event: MessageEvent) => {
    let frame: { id?: unknown; reply?: unknown; event?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (typeof frame.id === 'number') {
      const reply = pending.get(frame.id);
      pending.delete(frame.id);
      reply?.resolve(frame.reply);
      return;
    }
    if (typeof frame.event !== 'string') return;
    for (const listener of listeners.get(frame.event) ?? []) {
      try {
        listener(frame.payload);
      } catch (error) {
        console.error(error);
      }
    }
  };

  // One socket, opened on first use and again after it closed (server restart, sleep).
  const connect = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opened ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(socketUrl);
      ws.addEventListener('open', () => {
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('message', onMessage);
      ws.addEventListener('close', (event) => {
        opened = undefined;
        socket = undefined;
        const reason = `The connection to Warden closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
        reject(new Error(reason));
        fail(reason);
      });
    });
    return opened;
  };

  return Object.freeze({
    invoke(channel: unknown, input: unknown): Promise<unknown> {
      if (!isChannel(channel)) return Promise.reject(new Error(`Unknown IPC channel: ${String(channel).slice(0, 80)}`));
      return connect().then(
        (ws) =>
          new Promise<unknown>((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject });
            ws.send(JSON.stringify({ id, channel, input }));
          }),
      );
    },
    on(event: unknown, listener: unknown): () => void {
      if (!isEventName(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
      set.add(wrapped);
      // Events flow only while a socket is open: subscribing opens it, as a first call would.
      void connect().catch(() => undefined);
      return () => {
        set.delete(wrapped);
      };
    },
  });
}

/** Defines `window.warden` when no preload did (browser mode); a no-op inside Electron. */
export function installWebBridge(): void {
  if (BRIDGE_KEY in window) return;
  const url = new URL(window.location.href);
  // The token did its job (the server set the session cookie): keep it out of the address
  // bar, history and bookmarks.
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }
  const socketUrl = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/ipc`;
  Object.defineProperty(window, BRIDGE_KEY, { value: createWebBridge(socketUrl), enumerable: true });
  // A browser tab can be closed with staged edits in it; ask first, as the desktop window would.
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedWork()) event.preventDefault();
  });
}
