import type { Channel, EventName } from './channels';
import type { ChannelInput, ChannelOutput } from './contract';
import type { Envelope } from './errors';
import type { EventPayload } from './events';

/**
 * What the preload exposes as `window.warden` (type-only: the preload itself imports nothing
 * but the zod-free channel list). `invoke` resolves with the router's envelope and rejects only
 * when the channel is not in the allow-list; `on` returns its own unsubscribe.
 */
export interface WardenBridge {
  invoke<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<Envelope<ChannelOutput<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The single IPC channel main uses for events: `send(EVENT_CHANNEL, name, payload)`. */
export const EVENT_CHANNEL = 'warden:event';

/** The global the preload defines; the renderer reads it as `window.warden`. */
export const BRIDGE_KEY = 'warden';
