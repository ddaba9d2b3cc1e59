/**
 * Every IPC channel, as plain strings with no Zod: the preload bundles this list as its
 * allow-list and must stay tiny. `contract.ts` is checked against it with `satisfies`.
 * Channels are `domain.verb`; every call takes one object.
 */
export const channels = [
  'app.info',
  'connections.list',
  'connections.save',
  'connections.remove',
  'connections.test',
  'connections.connect',
  'connections.disconnect',
  'connections.status',
  'connections.unlockWrites',
  'connections.serverInfo',
] as const;

export type Channel = (typeof channels)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}

/** Main → renderer events: past-tense facts. */
export const events = ['connections.changed', 'schema.changed', 'progress.reported'] as const;
export type EventName = (typeof events)[number];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (events as readonly string[]).includes(value);
}
