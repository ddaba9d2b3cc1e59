/**
 * Every IPC channel, as plain strings with no Zod: the preload bundles this list as its
 * allow-list and must stay tiny. `contract.ts` is checked against it with `satisfies`.
 * Channels are `domain.verb`; every call takes one object.
 */
export const channels = [
  'app.info',
  'demo.status',
  'demo.create',
  'connections.list',
  'connections.save',
  'connections.remove',
  'connections.test',
  'connections.connect',
  'connections.disconnect',
  'connections.status',
  'connections.unlockWrites',
  'connections.serverInfo',
  'connections.cancel',
  'connections.createHelperLogin',
  'records.tables',
  'records.describe',
  'records.page',
  'records.count',
  'records.cancel',
  'records.value',
  'records.references',
  'records.preview',
  'records.apply',
  'records.export',
  'erd.domains',
  'erd.graph',
  'erd.table',
  'erd.layout.get',
  'erd.layout.save',
  'erd.layout.reset',
  'erd.export',
  'migrations.status',
  'migrations.preview',
  'migrations.apply',
  'migrations.cancel',
  'migrations.drift',
  'migrations.history',
  'migrations.restoreBackup',
  'migrations.impact',
  'impersonation.users',
  'impersonation.receipt',
  'impersonation.write',
  'impersonation.matrix',
  'impersonation.compare',
  'impersonation.exportTest',
  'rls.explain',
  'console.run',
  'console.explain',
  'console.cancel',
  'console.schema',
] as const;

export type Channel = (typeof channels)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}

/** Main → renderer events: past-tense facts. */
export const events = ['connections.changed', 'schema.changed', 'progress.reported', 'migrations.progressed'] as const;
export type EventName = (typeof events)[number];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (events as readonly string[]).includes(value);
}
