import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../shared/ipc/contracts/connections';
import { connectionKeys, removeConnection, upsertConnection } from './connections';

const summary = (id: string, state: ConnectionSummary['state'] = 'disconnected'): ConnectionSummary => ({
  id,
  name: id,
  kind: 'postgres',
  environment: 'development',
  color: '#2f9e44',
  hasPassword: false,
  askPassword: false,
  state,
  readOnly: false,
});

describe('connection query cache', () => {
  it('a connections.changed summary replaces its entry in place and keeps the order', () => {
    const client = new QueryClient();
    client.setQueryData(connectionKeys.list(), [summary('embedded', 'ready'), summary('a'), summary('b')]);
    upsertConnection(client, summary('a', 'broken'));
    upsertConnection(client, summary('c'));
    const list = client.getQueryData<ConnectionSummary[]>(connectionKeys.list());
    expect(list?.map((item) => `${item.id}:${item.state}`)).toEqual(['embedded:ready', 'a:broken', 'b:disconnected', 'c:disconnected']);
  });

  it('an event before the first list load does not invent a partial list', () => {
    const client = new QueryClient();
    upsertConnection(client, summary('a'));
    expect(client.getQueryData(connectionKeys.list())).toBeUndefined();
  });

  it('removing a connection drops it and its cached server info', () => {
    const client = new QueryClient();
    client.setQueryData(connectionKeys.list(), [summary('a'), summary('b')]);
    client.setQueryData(connectionKeys.serverInfo('a'), { serverVersion: 'PostgreSQL 15' });
    removeConnection(client, 'a');
    expect(client.getQueryData<ConnectionSummary[]>(connectionKeys.list())?.map((item) => item.id)).toEqual(['b']);
    expect(client.getQueryData(connectionKeys.serverInfo('a'))).toBeUndefined();
  });
});
