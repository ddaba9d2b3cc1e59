import { EMBEDDED_CONNECTION_ID } from '../../../../shared/ipc/contracts/connections';
import type { DemoStatus } from '../../../../shared/ipc/contracts/demo';
import { fail } from '../../db/errors';
import type { Queryable } from '../../db/driver';
import type { RunContext, RunRegistry } from '../../db/run-context';
import type { MigrationsService } from '../migrations/migrations-service';
import { seedDemoData } from '@repo/database/seed';
import type { Emit } from '../services';

export interface DemoServiceOptions {
  /** The app's one run registry: the embedded database is reached through its run contexts (ISO-09). */
  runs: RunRegistry;
  migrations: MigrationsService;
  emit: Emit;
}

/**
 * "Create demo database" on the welcome screen: the bundled migrations through the same locked,
 * audited runner the Migrations screen uses, then the deterministic seed, with progress events.
 * Only ever on the embedded database.
 */
export class DemoService {
  private creating: Promise<unknown> | undefined;

  constructor(private readonly options: DemoServiceOptions) {}

  async status(): Promise<DemoStatus> {
    return this.embedded(async (ctx) => {
      const migrations = await this.options.migrations.status(ctx);
      const pendingMigrations = migrations.counts.pending ?? 0;
      const users = await ctx.read(countUsers);
      return { pendingMigrations, users, ready: pendingMigrations === 0 && users > 0 };
    });
  }

  async create(): Promise<{ applied: number; rows: number; counts: Record<string, number> }> {
    if (this.creating) fail('conflict', 'The demo database is already being created.');
    const run = this.run();
    this.creating = run;
    try {
      return await run;
    } finally {
      this.creating = undefined;
    }
  }

  private async run() {
    const { migrations, emit } = this.options;
    const report = (done: number, total: number, message: string) =>
      emit('progress.reported', { operation: 'demo.create', connectionId: EMBEDDED_CONNECTION_ID, done, total, message });
    if ((await this.embedded((ctx) => ctx.read(countUsers))) > 0) fail('validation', 'The embedded database already holds demo data.');
    report(0, 1, 'Applying migrations…');
    const applied = await migrations.apply({ connectionId: EMBEDDED_CONNECTION_ID });
    report(0, 1, 'Creating demo data…');
    const summary = await this.embedded((ctx) => {
      ctx.assertWritable();
      // The seed runs its own transactions on the pool the run context hands out.
      return seedDemoData(ctx.db, { onProgress: (done, total, label) => report(done, total, `Seeding ${label}…`) });
    });
    report(1, 1, 'Demo database ready.');
    emit('schema.changed', { connectionId: EMBEDDED_CONNECTION_ID, reason: 'demo data created' });
    return { applied: applied.applied.length, rows: summary.total, counts: summary.counts };
  }

  private embedded<T>(fn: (ctx: RunContext) => Promise<T>): Promise<T> {
    return this.options.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, fn);
  }
}

async function countUsers(q: Queryable): Promise<number> {
  // Two statements: a count over a table that does not exist yet fails at parse time.
  const exists = await q.query<{ t: string | null }>(`select to_regclass('public."user"')::text as t`);
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await q.query<{ n: number }>('select count(*)::int as n from public."user"');
  return Number(rows[0]?.n ?? 0);
}
