import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/ipc/contract';
import { arbitraryFor } from '../../ipc/zod-arbitrary';
import type { AppError } from '../../../../shared/ipc/errors';
import { type App, createApp } from '../../app';
import type { Database } from '../../db/driver';
import { openPglite } from '../../db/pglite';
import { createFreshDatabase, describeWithoutServer, testDatabaseUrl } from '../../db/test-databases';
import { createNodeSecrets } from '../../secrets-node';
import { APP_ORIGIN } from '../../security/trusted-sender';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { applyMigrations } from './apply';
import { backupEmbedded, restoreEmbedded } from './backup';
import { catalogDigest, writeMigrationFolder } from './test-fixtures';

const sender = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

const fixture = [
  { tag: '0000_users', statements: ['CREATE TABLE "people" ("id" serial primary key, "name" text not null);'] },
  { tag: '0001_seed', statements: [`INSERT INTO "people" ("name") VALUES ('ada'), ('grace');`] },
  { tag: '0002_more', statements: ['ALTER TABLE "people" ADD COLUMN "email" text;', 'CREATE INDEX "people_email" ON "people" ("email");'] },
];

interface Harness {
  app: App;
  dir: string;
  events: [string, unknown][];
  // biome-ignore lint/suspicious/noExplicitAny: test reads whichever channel's output it asked for.
  call(channel: string, input: unknown): Promise<any>;
  fail(channel: string, input: unknown): Promise<AppError>;
}

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.app.close();
    await rm(h.dir, { recursive: true, force: true });
  }
});

async function start(folder: string): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-mig-app-'));
  const events: [string, unknown][] = [];
  const app = await createApp({
    userDataDir: dir,
    secrets: createNodeSecrets(),
    trustedOrigins: [APP_ORIGIN],
    migrationsFolder: folder,
    emit: (event, payload) => events.push([event, payload]),
  });
  const h: Harness = {
    app,
    dir,
    events,
    async call(channel, input) {
      const r = await app.router.call(channel, input, sender);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.data as never;
    },
    async fail(channel, input) {
      const r = await app.router.call(channel, input, sender);
      if (r.ok) throw new Error(`${channel} succeeded`);
      return r.error;
    },
  };
  open.push(h);
  return h;
}

describe('migrations service through the router [pglite]', () => {
  it('status on a never-migrated database, apply with progress, audit, backup, schema.changed, then "modified" refused', async () => {
    const folder = await writeMigrationFolder(fixture);
    const h = await start(folder);
    const status = await h.call('migrations.status', { connectionId: 'embedded' });
    expect(status.historyExists).toBe(false);
    expect(status.items.map((i: { state: string }) => i.state)).toEqual(['pending', 'pending', 'pending']);

    const preview = await h.call('migrations.preview', { connectionId: 'embedded' });
    const result = await h.call('migrations.apply', { connectionId: 'embedded', expectedHashes: preview.pendingHashes });
    expect(result.applied.map((m: { tag: string }) => m.tag)).toEqual(['0000_users', '0001_seed', '0002_more']);
    expect(result.verified).toBe(true);
    expect(result.backupFile).toMatch(/^embedded-.*\.tar\.gz$/);

    const progress = h.events.filter(([e]) => e === 'migrations.progressed').map(([, p]) => p as { phase: string; runId: string });
    expect(progress.map((p) => p.phase)).toEqual([
      'locked',
      'backup',
      'statement',
      'migration-done',
      'statement',
      'migration-done',
      'statement',
      'statement',
      'migration-done',
      'committed',
      'verified',
    ]);
    expect(new Set(progress.map((p) => p.runId))).toEqual(new Set([result.runId]));
    expect(h.events.some(([e, p]) => e === 'schema.changed' && (p as { connectionId: string }).connectionId === 'embedded')).toBe(true);

    const after = await h.call('migrations.status', { connectionId: 'embedded' });
    expect(after.items.map((i: { state: string }) => i.state)).toEqual(['applied', 'applied', 'applied']);
    expect(after.items[0].appliedAt).toMatch(/^\d{4}-/);

    const history = await h.call('migrations.history', { connectionId: 'embedded' });
    expect(history.entries[0]).toMatchObject({ result: 'applied', connectionId: 'embedded', driver: 'pglite', backupFile: result.backupFile });
    expect(history.entries[0].who.length).toBeGreaterThan(0);
    expect(history.entries[0].migrations.map((m: { hash: string }) => m.hash)).toEqual(preview.pendingHashes);
    expect(history.backups.map((b: { file: string }) => b.file)).toContain(result.backupFile);
    const auditLines = (await readFile(join(h.dir, 'migrations-audit.jsonl'), 'utf8')).trim().split('\n');
    expect(auditLines).toHaveLength(1);

    // Edit an applied file: flagged as modified, apply refused and audited as refused.
    await writeMigrationFolder([fixture[0]!, { tag: '0001_seed', statements: [`INSERT INTO "people" ("name") VALUES ('eve');`] }, fixture[2]!], folder);
    const edited = await h.call('migrations.status', { connectionId: 'embedded' });
    expect(edited.items[1]).toMatchObject({ tag: '0001_seed', state: 'modified' });
    expect(edited.refusal).toContain('0001_seed (modified)');
    const refused = await h.fail('migrations.apply', { connectionId: 'embedded' });
    expect(refused.kind).toBe('validation');
    expect(refused.message).toContain('0001_seed');
    expect((await h.call('migrations.history', { connectionId: 'embedded' })).entries[0].result).toBe('refused');
  });

  it('SEC-07: valid random inputs to the migration channels return envelopes, change nothing, leak no path', async () => {
    const folder = await writeMigrationFolder(fixture);
    const h = await start(folder);
    const db = () => h.app.services.connections.database('embedded');
    const before = await catalogDigest(db());
    const channels = ['migrations.status', 'migrations.preview', 'migrations.history', 'migrations.cancel', 'migrations.restoreBackup', 'migrations.impact'] as const;
    for (const channel of channels) {
      await fc.assert(
        fc.asyncProperty(arbitraryFor(contract[channel].input), async (input) => {
          const reply = await h.app.router.call(channel, input, sender);
          expect(typeof reply.ok).toBe('boolean');
          if (!reply.ok) {
            expect(['validation', 'network']).toContain(reply.error.kind);
            expect(JSON.stringify(reply.error)).not.toContain(h.dir);
          }
        }),
        { numRuns: 20, seed: 7 },
      );
    }
    expect(await catalogDigest(db())).toBe(before);
  });

  it('MIG-09: the embedded database is backed up before applying; restore gives an identical state', async () => {
    const folder = await writeMigrationFolder(fixture.slice(0, 2));
    const h = await start(folder);
    await h.call('migrations.apply', { connectionId: 'embedded' });
    const db = () => h.app.services.connections.database('embedded');
    await db().query(`INSERT INTO "people" ("name") VALUES ('after-first-apply')`);
    const before = await catalogDigest(db());
    const rowsBefore = (await db().query('select id, name from "people" order by id')).rows;

    await writeMigrationFolder(fixture, folder);
    const second = await h.call('migrations.apply', { connectionId: 'embedded' });
    expect(second.applied.map((m: { tag: string }) => m.tag)).toEqual(['0002_more']);
    expect(await catalogDigest(db())).not.toBe(before);

    const restored = await h.call('migrations.restoreBackup', { connectionId: 'embedded', file: second.backupFile });
    expect(restored.restored).toBe(true);
    expect(await catalogDigest(db())).toBe(before);
    expect((await db().query('select id, name from "people" order by id')).rows).toEqual(rowsBefore);
    const status = await h.call('migrations.status', { connectionId: 'embedded' });
    expect(status.items.map((i: { state: string }) => i.state)).toEqual(['applied', 'applied', 'pending']);
    expect((await h.call('migrations.history', { connectionId: 'embedded' })).entries[0].result).toBe('restored');
    expect((await h.fail('migrations.restoreBackup', { connectionId: 'embedded', file: '../x.tar.gz' })).kind).toBe('validation');
  });

  it('MIG-09: backup and restore of a PGlite data directory round-trip exactly (module level)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-mig09-'));
    try {
      let db: Database = await openPglite({ dataDir: join(dir, 'data') });
      await applyMigrations({ db, folder: await writeMigrationFolder(fixture) });
      const before = await catalogDigest(db);
      const file = await backupEmbedded(db, join(dir, 'backups'));
      await db.query('DROP TABLE "people"');
      db = await restoreEmbedded(db, join(dir, 'backups', file));
      expect(await catalogDigest(db)).toBe(before);
      expect((await db.query<{ n: number }>('select count(*)::int as n from "people"')).rows[0]!.n).toBe(2);
      await db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

if (testDatabaseUrl) {
  describe('migrations service through the router [postgres]', () => {
    it('production connections need the typed name and unlocked writes; the migrator runs on its own session', async () => {
      const fresh = await createFreshDatabase('warden_mig_prod');
      try {
        const folder = await writeMigrationFolder(fixture);
        const h = await start(folder);
        const url = new URL(fresh.url);
        const saved = await h.call('connections.save', {
          name: 'Prod DB',
          environment: 'production',
          host: url.hostname,
          port: Number(url.port || 5432),
          user: decodeURIComponent(url.username),
          database: fresh.name,
          sslmode: 'disable',
        });
        await h.call('connections.connect', { id: saved.id });
        const status = await h.call('migrations.status', { connectionId: saved.id });
        expect(status.counts.pending).toBe(3);

        const noName = await h.fail('migrations.apply', { connectionId: saved.id });
        expect(noName).toMatchObject({ kind: 'validation', code: 'confirmation_required' });
        const readOnly = await h.fail('migrations.apply', { connectionId: saved.id, confirmation: 'Prod DB' });
        expect(readOnly).toMatchObject({ kind: 'validation', layer: 'readonly' });
        // The access impact takes apply's locks: refused on the read-only connection too (IMPACT).
        const impactRefused = await h.fail('migrations.impact', { connectionId: saved.id, personas: [] });
        expect(impactRefused).toMatchObject({ kind: 'validation', layer: 'readonly' });
        await h.call('connections.unlockWrites', { id: saved.id, confirmation: 'Prod DB' });
        const impact = await h.call('migrations.impact', { connectionId: saved.id, personas: [] });
        expect(impact.migrations).toEqual(['0000_users', '0001_seed', '0002_more']);
        expect(impact.tableChanges).toEqual([expect.objectContaining({ table: 'people', change: 'created', dangerous: false })]);
        const result = await h.call('migrations.apply', { connectionId: saved.id, confirmation: 'Prod DB' });
        expect(result.applied).toHaveLength(3);
        expect(result.backupFile).toBeNull();
        const locked = h.events.find(([e, p]) => e === 'migrations.progressed' && (p as { phase: string }).phase === 'locked')?.[1] as {
          backendPid: number;
        };
        expect(locked.backendPid).toBeGreaterThan(0);
        const history = await h.call('migrations.history', {});
        expect(history.entries.map((e: { result: string }) => e.result)).toEqual(['applied', 'refused', 'refused']);
        expect(history.entries[0]).toMatchObject({ connectionName: 'Prod DB', environment: 'production', driver: 'postgres' });
        await h.call('connections.disconnect', { id: saved.id });
      } finally {
        await fresh.drop();
      }
    });

    it('drift: an empty database needs every table, grouped by domain; nothing is applied', async () => {
      const fresh = await createFreshDatabase('warden_mig_drift');
      try {
        const h = await start(await writeMigrationFolder([]));
        const url = new URL(fresh.url);
        const saved = await h.call('connections.save', {
          name: 'Drift',
          environment: 'development',
          host: url.hostname,
          port: Number(url.port || 5432),
          user: decodeURIComponent(url.username),
          database: fresh.name,
          sslmode: 'disable',
        });
        await h.call('connections.connect', { id: saved.id });
        const drift = await h.call('migrations.drift', { connectionId: saved.id });
        expect(drift.inSync).toBe(false);
        const domains = drift.groups.map((g: { domain: string }) => g.domain);
        expect(domains).toEqual(expect.arrayContaining(['user', 'blog', 'organizations']));
        const blog = drift.groups.find((g: { domain: string }) => g.domain === 'blog').statements;
        expect(blog.map((st: { sql: string }) => st.sql).join('\n')).toContain('CREATE TABLE "blog_post"');
        // Policies on the missing tables come from the schema's definitions, each exactly the migration's statement.
        const all: { sql: string; source: string }[] = drift.groups.flatMap((g: { statements: { sql: string; source: string }[] }) => g.statements);
        const policies = all.filter((st) => st.sql.startsWith('CREATE POLICY'));
        expect(policies.length).toBe(115);
        expect(policies.every((st) => st.source === 'schema')).toBe(true);
        const generated = readFileSync(join(resolveMigrationsFolder(), '0001_schema.sql'), 'utf8');
        expect(policies.filter((st) => !generated.includes(st.sql))).toEqual([]);
        const db = h.app.services.connections.database(saved.id);
        expect((await db.query<{ n: string }>(`select count(*)::text as n from pg_tables where schemaname = 'public'`)).rows[0]!.n).toBe('0');
        await h.call('connections.disconnect', { id: saved.id });
      } finally {
        await fresh.drop();
      }
    }, 120_000);
  });
} else {
  describeWithoutServer('migrations service through the router [postgres]');
}
