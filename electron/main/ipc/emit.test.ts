import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL } from '../../../shared/ipc/bridge';
import { createEmitter } from './emit';

function contents(url: string, destroyed = false) {
  return { getURL: () => url, isDestroyed: () => destroyed, send: vi.fn() };
}

describe('emit: main -> renderer events go only to our pages, validated', () => {
  it('sends to live app-origin pages only', () => {
    const ours = contents('app://warden/index.html');
    const foreign = contents('https://evil.example/');
    const gone = contents('app://warden/index.html', true);
    const blank = contents('');
    const emit = createEmitter({ targets: () => [ours, foreign, gone, blank] as never, allowedOrigins: ['app://warden'] });
    emit('schema.changed', { connectionId: 'c1', reason: 'migrated' });
    expect(ours.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'schema.changed', { connectionId: 'c1', reason: 'migrated' });
    expect(foreign.send).not.toHaveBeenCalled();
    expect(gone.send).not.toHaveBeenCalled();
    expect(blank.send).not.toHaveBeenCalled();
  });

  it('drops payloads that do not match the event schema, and strips unknown keys', () => {
    const ours = contents('app://warden/');
    const onError = vi.fn();
    const emit = createEmitter({ targets: () => [ours] as never, allowedOrigins: ['app://warden'], onError });
    emit('schema.changed', { connectionId: 42 } as never);
    expect(ours.send).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    emit('progress.reported', { operation: 'seed', done: 1, secret: 'hunter2' } as never);
    expect(ours.send).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(ours.send.mock.calls[0])).not.toContain('hunter2');
  });
});
