/**
 * Whether an IPC call may reach a handler: only the main frame of a live page served from one
 * of our own origins. Sub-frames, detached frames, null senders and foreign origins are refused
 * (SEC-06; the same rule VS Code applies in `ipcMain.ts`).
 */
export interface SenderInfo {
  /** URL of the frame that sent the call; null when the frame is gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (!sender?.isMainFrame || typeof sender.frameUrl !== 'string') return false;
  let origin: string;
  try {
    const url = new URL(sender.frameUrl);
    // `URL.origin` is "null" for custom schemes, so compare scheme and host ourselves.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}

/** The origin the packaged renderer is served from (see `protocol.ts`). */
export const APP_ORIGIN = 'app://warden';
