import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockPathFor } from '../../db/data-dir-lock';
import { createNodeSecrets } from '../../secrets-node';
import { startTestApp, waitFor } from '../../testing/app-harness';
import { createApp } from '../../app';
import { APP_ORIGIN } from '../../security/trusted-sender';

/**
 * CONN-09: one process per embedded (PGlite) data directory, and `kill -9` during writes
 * loses no committed row. The writer is a real child process (tsx) using the app's own lock
 * and driver; the reopen goes through createApp like a restart of Warden would.
 */
describe('CONN-09: the embedded database under a second instance and kill -9', () => {
  let dir = '';
  let writer: ChildProcess | undefined;
  const printed: number[] = [];
  let ready = false;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-conn09-'));
  });
  afterAll(async () => {
    writer?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('CONN-09: a second instance in the same process tree refuses while the first is open, and opens after it closed', async () => {
    const own = await mkdtemp(join(tmpdir(), 'warden-conn09-same-'));
    try {
      const first = await startTestApp({ dir: own });
      const second = createApp({ userDataDir: own, secrets: createNodeSecrets(), trustedOrigins: [APP_ORIGIN] });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/already open in another Warden process/);
      // The refusal did not disturb the first instance.
      expect((await first.call<{ serverVersion: string }>('connections.serverInfo', { id: 'embedded' })).serverVersion).toMatch(/PGlite/);
      await first.close();
      const third = await startTestApp({ dir: own });
      await third.close();
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  }, 180_000);

  it('CONN-09: while another process writes to the directory, Warden refuses to open it', async () => {
    const child = path.join(import.meta.dirname, '../../testing/fixtures/pglite-writer-child.ts');
    writer = spawn(process.execPath, ['--import', 'tsx', child, dir], { cwd: path.resolve(import.meta.dirname, '../../../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    writer.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') ready = true;
        else if (/^\d+$/.test(line)) printed.push(Number(line));
      }
    });
    let stderr = '';
    writer.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    await waitFor(`writer ready (stderr: ${stderr})`, () => ready, 60_000);
    await expect(createApp({ userDataDir: dir, secrets: createNodeSecrets(), trustedOrigins: [APP_ORIGIN] })).rejects.toThrow(
      new RegExp(`pid ${writer.pid}`),
    );
  }, 180_000);

  it('CONN-09: kill -9 during writes, then reopen: every committed row is there and the stale lock is taken over', async () => {
    await waitFor('a few hundred commits', () => printed.length >= 300, 60_000);
    // 'close' (not 'exit'): every line the writer printed has been read by then.
    const exited = new Promise((resolve) => writer!.once('close', resolve));
    writer!.kill('SIGKILL');
    await exited;
    const committed = [...printed];
    // The dead writer's lock is still on disk; the next start recognises it as stale.
    expect(JSON.parse(await readFile(lockPathFor(join(dir, 'embedded-pgdata')), 'utf8'))).toMatchObject({ pid: writer!.pid });
    const reopened = await startTestApp({ dir });
    try {
      const { rows } = await reopened.app.services.connections
        .database('embedded')
        .query<{ id: number }>('select id from kill_test order by id');
      const ids = new Set(rows.map((r) => Number(r.id)));
      const missing = committed.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      // Rows are contiguous: nothing torn in the middle (at most one commit after the last print).
      expect(rows.length - committed.length).toBeLessThanOrEqual(1);
      const { rows: check } = await reopened.app.services.connections.database('embedded').query<{ n: number }>('select count(*)::int as n from kill_test');
      expect(Number(check[0]?.n)).toBe(rows.length);
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it('CONN-09: a lock left by a live process that is not Warden (pid reused) is stale; an unreadable old one too', async () => {
    const own = await mkdtemp(join(tmpdir(), 'warden-conn09-lock-'));
    try {
      const dataDir = join(own, 'data');
      // pid 1 is alive but started long before us: the recorded start time does not match.
      await writeFile(lockPathFor(dataDir), JSON.stringify({ pid: 1, host: hostname(), started: '1' }));
      const lock = await acquireDataDirLock(dataDir);
      await expect(acquireDataDirLock(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
      await lock.release();
      const again = await acquireDataDirLock(dataDir);
      await again.release();
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
