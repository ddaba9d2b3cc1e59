/**
 * The shape of `window.warden` as the preload exposes it: exactly `invoke` and `on`.
 * Kept structural so the renderer depends on no Electron type.
 */
export interface WardenBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}
