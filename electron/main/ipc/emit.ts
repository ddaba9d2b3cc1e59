import { EVENT_CHANNEL } from '../../../shared/ipc/bridge';
import type { EventName } from '../../../shared/ipc/channels';
import { type EventPayload, eventSchemas } from '../../../shared/ipc/events';
import { isAppUrl } from '../security/navigation';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What an event goes to: Electron's WebContents has this shape, and so does each socket of
 * browser mode (websocket-bridge.ts), so both transports share this one validating emitter.
 */
export interface EventSink {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, event: EventName, payload: unknown): void;
}

/**
 * The only place main sends anything to a renderer. Targets are our own windows' webContents
 * (given by `targets`), and only while they show one of our pages: a window that somehow left
 * our origin gets nothing. Payloads are parsed with the event schema first so a main-side bug
 * cannot push unvalidated data (or class instances) to the renderer.
 */
export function createEmitter(options: {
  targets: () => readonly EventSink[];
  allowedOrigins: readonly string[];
  onError?: (event: string, error: unknown) => void;
}): Emit {
  return (event, payload) => {
    const parsed = eventSchemas[event].safeParse(payload);
    if (!parsed.success) {
      options.onError?.(event, parsed.error);
      return;
    }
    for (const contents of options.targets()) {
      if (contents.isDestroyed()) continue;
      if (!isAppUrl(contents.getURL(), options.allowedOrigins)) continue;
      contents.send(EVENT_CHANNEL, event, parsed.data);
    }
  };
}
