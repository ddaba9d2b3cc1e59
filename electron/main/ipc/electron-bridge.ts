import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels } from '../../../shared/ipc/channels';
import type { SenderInfo } from '../security/trusted-sender';
import type { Router } from './router';

/** The sender facts the router's trust check needs, read defensively from an IPC event. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/**
 * Maps `event.senderFrame` to SenderInfo. Null, destroyed or detached frames (a page being
 * unloaded) have no URL we can trust -> frameUrl null; any frame with a parent is a sub-frame.
 * Reading a property of a frame that died meanwhile can throw, which also means "no sender".
 */
export function senderOf(event: { senderFrame?: FrameLike | null } | null | undefined): SenderInfo {
  try {
    const frame = event?.senderFrame;
    if (!frame) return { frameUrl: null, isMainFrame: false };
    if (frame.isDestroyed?.() === true || frame.detached === true) return { frameUrl: null, isMainFrame: false };
    const url = typeof frame.url === 'string' ? frame.url : null;
    return { frameUrl: url, isMainFrame: frame.parent === null };
  } catch {
    return { frameUrl: null, isMainFrame: false };
  }
}

/**
 * Binds the router to ipcMain, one `handle` per contract channel and nothing else. The only
 * file that touches ipcMain. Returns an unbind function (used on quit and in tests).
 */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, router: Router): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) =>
      router.call(channel, input, senderOf(event as unknown as { senderFrame: FrameLike | null })),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
