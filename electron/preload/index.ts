import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, EVENT_CHANNEL } from '../../shared/ipc/bridge';
import { isChannel, isEventName } from '../../shared/ipc/channels';

/**
 * The whole preload. Sandboxed, so it must be one CommonJS file with `electron` as its only
 * import (electron.vite.config.ts bundles shared/ipc/channels.ts into it). It exposes two
 * functions and nothing else: no ipcRenderer, no IPC event objects (their `sender` is the
 * ipcRenderer), no Node. Unknown channels are refused here before IPC is touched; main checks
 * the sender and parses the input again anyway. (shared/ipc/bridge.ts has only type imports,
 * so importing its constants pulls no Zod into this bundle; a test checks the built file.)
 */

const bridge = Object.freeze({
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (!isChannel(channel)) {
      return Promise.reject(new Error(`Unknown IPC channel: ${String(channel).slice(0, 80)}`));
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: unknown, listener: unknown): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
