import { afterAll, beforeAll } from 'vitest';
import type { ConnectionSummary } from '../../../shared/ipc/contracts/connections';
import type { Database } from '../db/driver';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { type DriverContext, describeEachDriver } from '../db/test-databases';
import { startTestApp, type TestApp } from './app-harness';

export interface RouterDriver {
  /** The app whose router the test calls (`t.call`, `t.callError`). */
  t(): TestApp;
  /** The connection id to put in inputs: `embedded` on PGlite, a saved connection on the server. */
  connectionId(): string;
  /** The same database, for setting up fixtures directly. */
  db(): Database;
  ctx: DriverContext;
}

/**
 * A suite that goes through the real router on both drivers: on PGlite the app's own embedded
 * database, on the server a fresh database (from describeEachDriver) saved and connected as a
 * connection through `connections.save` / `connections.connect`.
 */
export function describeRouterOnEachDriver(title: string, body: (driver: RouterDriver) => void, options: { migrate?: boolean } = {}): void {
  describeEachDriver(title, (_getDb, ctx) => {
    let t: TestApp | undefined;
    let id = 'embedded';
    beforeAll(async () => {
      t = await startTestApp();
      if (ctx.kind === 'postgres') {
        const c = ctx.config!;
        const conn = await t.saveAndConnect({
          name: 'router-each-driver',
          environment: 'development',
          host: c.host,
          port: c.port,
          user: c.user,
          database: c.database,
          sslmode: 'disable',
          ...(c.password ? { password: c.password } : {}),
        } as Parameters<TestApp['saveAndConnect']>[0]);
        id = (conn as ConnectionSummary).id;
      }
      if (options.migrate) await applyMigrationsWithDrizzle(t.app.services.connections.database(id) as Database);
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });
    body({
      t: () => {
        if (!t) throw new Error('app not started yet');
        return t;
      },
      connectionId: () => id,
      db: () => t!.app.services.connections.database(id) as Database,
      ctx,
    });
  });
}
