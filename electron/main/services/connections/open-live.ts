import type { ConnectionState } from '../../../../shared/ipc/contracts/connections';
import { AppFailure } from '../../db/errors';
import { openPostgres, type PostgresConfig } from '../../db/postgres';
import { type Generation, ResilientDatabase, type ResilientOptions } from './resilient-database';
import { readServerInfo } from './server-info';

/** Tuning of reconnects and deadlines; tests shorten them, the app keeps the defaults. */
export type ResilienceOptions = Partial<Pick<ResilientOptions, 'busyAfterMs' | 'cancelGraceMs' | 'backoffMs' | 'maxAttempts'>> & {
  connectTimeoutSec?: number;
};

export interface OpenLiveOptions {
  config: PostgresConfig;
  tuning: ResilienceOptions;
  secrets: () => readonly string[];
  onState: (state: ConnectionState, reason?: string) => void;
  /** The user's cancel while connecting (a blackholed server would otherwise keep them waiting). */
  signal?: AbortSignal;
}

/**
 * Opens a server connection behind `ResilientDatabase`. Each generation (pool) is verified with
 * a query before use, so wrong credentials, TLS and network errors surface while connecting.
 * The server's statement_timeout (+2 s) is also the client-side deadline: on a dead network the
 * server cannot send its timeout, so the client stops waiting itself.
 */
export async function openLiveDatabase(options: OpenLiveOptions): Promise<ResilientDatabase> {
  const { config, tuning, signal } = options;
  const open = async (): Promise<Generation> => {
    const db = await openPostgres({ ...config, ...(tuning.connectTimeoutSec ? { connectTimeoutSec: tuning.connectTimeoutSec } : {}) });
    try {
      await readServerInfo(db);
      return db;
    } catch (err) {
      await db.sql.end({ timeout: 0 }).catch(() => undefined);
      throw err;
    }
  };
  const opening = ResilientDatabase.open({
    ...tuning,
    open,
    secrets: options.secrets,
    onState: options.onState,
    ...(config.statementTimeoutMs ? { queryTimeoutMs: config.statementTimeoutMs + 2000 } : {}),
  });
  if (!signal) return opening;
  const cancelled = new Promise<never>((_, reject) => {
    const onAbort = () => reject(new AppFailure({ kind: 'cancelled', message: 'Connecting was cancelled.' }));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // The user's cancel wins; a pool that opens later anyway is closed at once.
  opening.then(
    (db) => signal.aborted && void db.close(),
    () => undefined,
  );
  return Promise.race([opening, cancelled]);
}
