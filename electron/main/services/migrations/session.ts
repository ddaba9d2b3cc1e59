import type postgres from 'postgres';
import type { Database, DriverKind, Queryable } from '../../db/driver';
import { fail, toAppError } from '../../db/errors';
import { postgresQueryable } from '../../db/raw-client';

/**
 * The migrator's own connection. A session-level advisory lock belongs to ONE backend, so on a
 * server the runner reserves a connection from the pool for the whole apply (lock, transaction,
 * unlock) and runs its transaction there with plain BEGIN/COMMIT. PGlite is a single session:
 * its "dedicated connection" is the database itself and its transaction is PGlite's own, which
 * also keeps the app's other queries out of the migration transaction.
 */
export interface MigratorSession {
  readonly kind: DriverKind;
  /** The server backend of this session (shown in progress, used to find who blocks it). */
  readonly backendPid: number | null;
  query: Queryable['query'];
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

interface HasSql {
  sql: postgres.Sql;
}

function hasSql(db: Database): db is Database & HasSql {
  return typeof (db as Partial<HasSql>).sql?.reserve === 'function';
}

export async function openSession(db: Database): Promise<MigratorSession> {
  if (db.kind === 'pglite') {
    const pid = await backendPid(db);
    return {
      kind: 'pglite',
      backendPid: pid,
      query: (text, params, options) => db.query(text, params, options),
      transaction: (fn) => db.transaction((tx) => fn(tx)),
      release: async () => {},
    };
  }
  if (!hasSql(db)) fail('internal', 'This connection cannot reserve a dedicated session for migrations.');
  const reserved = await db.sql.reserve();
  const raw = postgresQueryable(reserved, { held: true });
  // Once the socket is gone nothing more may be sent on it: postgres.js 3.4.9 leaves such
  // queries pending forever and may throw from a timer when writing to the dead socket
  // (porsager/postgres#1208, #1133). The server has rolled back and released the lock already.
  let lost: unknown;
  const q: Queryable = {
    async query(text, params, options) {
      if (lost) throw lost;
      try {
        return await raw.query(text, params, options);
      } catch (err) {
        if (toAppError(err).kind === 'network') lost = err;
        throw err;
      }
    },
  };
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    reserved.release();
  };
  let pid: number | null;
  try {
    pid = await backendPid(q);
  } catch (err) {
    await release();
    throw err;
  }
  return {
    kind: 'postgres',
    backendPid: pid,
    query: q.query,
    async transaction(fn) {
      await q.query('begin');
      try {
        const result = await fn(q);
        await q.query('commit');
        return result;
      } catch (err) {
        // The connection may be gone (terminated backend): the server rolled back already.
        await q.query('rollback').catch(() => undefined);
        throw err;
      }
    },
    release,
  };
}

async function backendPid(q: Queryable): Promise<number | null> {
  const { rows } = await q.query<{ pid: number }>('select pg_backend_pid() as pid');
  return rows[0] ? Number(rows[0].pid) : null;
}
