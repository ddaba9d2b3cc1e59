import { join } from 'node:path';
import { EMBEDDED_CONNECTION_ID } from '../../../../shared/ipc/contracts/connections';
import { fail } from '../../db/errors';
import type { CheckTarget } from '../../services/impersonation/check-database';
import { compareIdentities } from '../../services/impersonation/compare';
import { exportCheckTest } from '../../services/impersonation/export-test';
import { readPolicyMatrix } from '../../services/impersonation/matrix';
import { readReceipt } from '../../services/impersonation/receipt';
import { listUsers } from '../../services/impersonation/users';
import { writeAs } from '../../services/impersonation/write-outcome';
import { analyzeStatement, isRefusal } from '../../services/console/sql-text';
import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type ImpersonationChannels =
  | 'impersonation.users'
  | 'impersonation.receipt'
  | 'impersonation.write'
  | 'impersonation.matrix'
  | 'impersonation.compare'
  | 'impersonation.exportTest';

/** Where exported checks are written: WARDEN_EXPORT_TESTS_DIR, else the user-data folder. */
export function exportDir(services: Pick<Services, 'userDataDir'>): string {
  return process.env.WARDEN_EXPORT_TESTS_DIR || join(services.userDataDir, 'exported-tests');
}

export function impersonationHandlers(services: Services): Pick<Handlers, ImpersonationChannels> {
  const { runs } = services;
  return {
    'impersonation.users': ({ connectionId, search, limit }, call) =>
      runs.run({ connectionId }, call.signal, async (ctx) => ({ users: await ctx.readAsLogin((q) => listUsers(q, search, limit, ctx.signal)) })),
    'impersonation.receipt': ({ connectionId, as, tables }, call) =>
      runs.run({ connectionId, as }, call.signal, async (ctx) =>
        (await ctx.user({ commit: false }, (q) => readReceipt(q, { tables: tables.map((t) => [t.schema, t.table] as const) }, ctx.signal))).value,
      ),
    'impersonation.write': async ({ connectionId, as, sql, commit }, call) => {
      const statement = analyzeStatement(sql);
      if (isRefusal(statement)) fail('validation', statement.message);
      if (statement.kind !== 'write') fail('validation', 'Only INSERT, UPDATE, DELETE or MERGE can be checked as a write.');
      return runs.run({ connectionId, as }, call.signal, async (ctx) => {
        ctx.assertWritable();
        const done = await writeAs(ctx, as, statement.text, { commit, signal: ctx.signal, identifiers: statement.identifiers });
        return { outcome: done.outcome, committed: done.committed, ...(done.receipt ? { receipt: done.receipt } : {}) };
      });
    },
    // Read through the one catalog module: cached per connection, cleared on `schema.changed`.
    'impersonation.matrix': ({ connectionId }, call) =>
      runs.run({ connectionId }, call.signal, async (ctx) => {
        const managed = await services.catalog.managed(ctx);
        return services.catalog.cachedRead(ctx, ['matrix'], (q) => readPolicyMatrix(q, ctx.signal, { ourDomains: managed.state !== 'unmanaged' }));
      }),
    'impersonation.compare': ({ connectionId, source, identities }, call) =>
      runs.run({ connectionId }, call.signal, (ctx) => compareIdentities(ctx, source, identities)),
    'impersonation.exportTest': async ({ connectionId, name, check }) => {
      const target = await checkTarget(services, connectionId);
      return exportCheckTest(exportDir(services), name, check, target);
    },
  };
}

async function checkTarget(services: Services, connectionId: string): Promise<CheckTarget> {
  if (connectionId === EMBEDDED_CONNECTION_ID) return { kind: 'pglite', dataDir: join(services.userDataDir, 'embedded-pgdata') };
  const summary = (await services.connections.list()).find((c) => c.id === connectionId);
  if (!summary?.host || !summary.port || !summary.user || !summary.database) fail('validation', 'No saved connection with that id.');
  return { kind: 'postgres', host: summary.host, port: summary.port, user: summary.user, database: summary.database };
}
