import { toAppError } from '../../db/errors';
import { openPostgres } from '../../db/postgres';
import { parsePostgresUrl } from '../../db/url';
import { applyMigrations } from './apply';

// A second OS process for MIG-02: it runs Warden's migrator when the parent says "run", so two
// real processes race for the same database's migration lock. Messages over the fork channel.

interface RunMessage {
  type: 'run';
  url: string;
  folder: string;
  waitForLockMs: number;
}

const send = (message: unknown) => process.send?.(message);

process.on('message', (message: RunMessage | { type: 'exit' }) => {
  if (message.type === 'exit') {
    process.exit(0);
  }
  void (async () => {
    const db = await openPostgres({ ...parsePostgresUrl(message.url), max: 2, applicationName: `warden-child-${process.pid}` });
    try {
      const result = await applyMigrations({ db, folder: message.folder, waitForLockMs: message.waitForLockMs });
      send({ type: 'result', ok: true, applied: result.applied.map((m) => m.tag), pid: result.backendPid });
    } catch (err) {
      send({ type: 'result', ok: false, error: toAppError(err) });
    } finally {
      await db.close();
    }
  })();
});

send({ type: 'ready' });
