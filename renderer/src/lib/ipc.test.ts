import { describe, expect, it } from 'vitest';
import type { WardenBridge } from '../../../shared/ipc/bridge';
import { createIpcClient, IpcError, toAppError } from './ipc';

/** A fake bridge: the real one is exercised end to end in e2e/ against the real router. */
function fakeBridge(
  invoke: (channel: string, input: unknown) => Promise<unknown>,
  on: (event: string, cb: (payload: unknown) => void) => () => void = () => () => undefined,
): WardenBridge {
  return { invoke, on } as unknown as WardenBridge;
}

function bridgeReplying(reply: unknown, seen: unknown[] = []): WardenBridge {
  return fakeBridge(async (channel, input) => {
    seen.push([channel, input]);
    return reply;
  });
}

describe('renderer IPC client', () => {
  it('ERR-01: a failed envelope becomes an IpcError carrying the whole AppError', async () => {
    const error = {
      kind: 'validation',
      code: '22P02',
      message: 'Name is required',
      detail: 'd',
      hint: 'h',
      issues: [{ path: ['name'], message: 'Name is required' }],
    };
    const client = createIpcClient(() => bridgeReplying({ ok: false, error }));
    const thrown = await client.call('connections.save', { name: '', environment: 'development' }).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(IpcError);
    const ipcError = thrown as IpcError;
    expect(ipcError.kind).toBe('validation');
    expect(ipcError.code).toBe('22P02');
    expect(ipcError.detail).toBe('d');
    expect(ipcError.hint).toBe('h');
    expect(ipcError.issues).toEqual([{ path: ['name'], message: 'Name is required' }]);
    expect(toAppError(ipcError)).toEqual(error);
  });

  it('ERR-01: a successful envelope resolves with its data and sends channel and input unchanged', async () => {
    const seen: unknown[] = [];
    const client = createIpcClient(() => bridgeReplying({ ok: true, data: [{ id: 'embedded' }] }, seen));
    await expect(client.call('connections.list', {})).resolves.toEqual([{ id: 'embedded' }]);
    expect(seen).toEqual([['connections.list', {}]]);
  });

  it('ERR-01: malformed replies and errors are reported as internal, never passed through', async () => {
    for (const reply of [undefined, null, 'boom', { data: 1 }, { ok: false, error: { kind: 'nope', message: 1 } }]) {
      const client = createIpcClient(() => bridgeReplying(reply));
      const thrown = (await client.call('app.info', {}).catch((err: unknown) => err)) as IpcError;
      expect(thrown).toBeInstanceOf(IpcError);
      expect(thrown.kind).toBe('internal');
    }
  });

  it('ERR-01: a transport rejection (refused channel, closed window) becomes an internal IpcError', async () => {
    const client = createIpcClient(() => fakeBridge(() => Promise.reject(new Error('channel not allowed'))));
    await expect(client.call('app.info', {})).rejects.toMatchObject({ kind: 'internal', message: 'channel not allowed' });
  });

  it('SEC-02: without a bridge the client fails with a clear error instead of reaching for Node', async () => {
    const client = createIpcClient(() => undefined);
    await expect(client.call('app.info', {})).rejects.toMatchObject({ kind: 'internal' });
    // Subscribing must not throw during render: the shell shows the failed call instead.
    expect(client.onEvent('connections.changed', () => undefined)).toBeTypeOf('function');
  });

  it('onEvent subscribes through the bridge and returns its unsubscribe', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const client = createIpcClient(() =>
      fakeBridge(
        async () => ({ ok: true, data: null }),
        (event, cb) => {
          listeners.set(event, cb);
          return () => listeners.delete(event);
        },
      ),
    );
    const got: unknown[] = [];
    const off = client.onEvent('schema.changed', (payload) => got.push(payload));
    listeners.get('schema.changed')?.({ connectionId: 'x', reason: 'migrated' });
    expect(got).toEqual([{ connectionId: 'x', reason: 'migrated' }]);
    off();
    expect(listeners.size).toBe(0);
  });
});
