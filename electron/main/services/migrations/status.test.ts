import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { readMigrationFolder } from './folder';
import { type HistoryRow, reconcile } from './status';
import { writeMigrationFolder } from './test-fixtures';

describe('migration folder and reconciliation', () => {
  it('hashes and splits every file exactly as drizzle does (repo migrations and a CRLF fixture)', async () => {
    const crlf = await writeMigrationFolder([{ tag: '0000_a', statements: ['CREATE TABLE a (id int);', 'CREATE TABLE b (id int);'] }]);
    await writeFile(join(crlf, '0000_a.sql'), 'CREATE TABLE a (id int);\r\n--> statement-breakpoint\r\nCREATE TABLE b (id int);\r\n');
    for (const folder of [resolveMigrationsFolder(), crlf]) {
      const ours = await readMigrationFolder(folder);
      const theirs = readMigrationFiles({ migrationsFolder: folder });
      expect(ours.files.map((f) => ({ sql: f.statements, hash: f.hash, folderMillis: f.when }))).toEqual(
        theirs.map((m) => ({ sql: m.sql, hash: m.hash, folderMillis: m.folderMillis })),
      );
    }
  });

  it('reads a folder without a journal as empty, and a journal entry without its file as file-missing', async () => {
    const empty = join(await writeMigrationFolder([]), 'nothing-here');
    await mkdir(empty);
    expect(await readMigrationFolder(empty)).toEqual({ folder: empty, journalFound: false, files: [] });
    const folder = await writeMigrationFolder([{ tag: '0000_a', statements: ['select 1;'] }, { tag: '0001_b', statements: ['select 2;'] }]);
    await writeFile(join(folder, '0001_b.sql'), '');
    const { rm } = await import('node:fs/promises');
    await rm(join(folder, '0001_b.sql'));
    const state = reconcile(await readMigrationFolder(folder), null);
    expect(state.items.map((i) => [i.tag, i.state])).toEqual([
      ['0000_a', 'pending'],
      ['0001_b', 'file-missing'],
    ]);
    expect(state.refusal).toContain('0001_b (file-missing)');
  });

  it('states: applied, pending, modified, would-skip, and a history row without a file', async () => {
    const folder = await readMigrationFolder(
      await writeMigrationFolder([
        { tag: '0000_a', statements: ['select 1;'], when: 1000 },
        { tag: '0001_b', statements: ['select 2;'], when: 2000 },
        { tag: '0002_late', statements: ['select 3;'], when: 2500 },
        { tag: '0003_c', statements: ['select 4;'], when: 4000 },
      ]),
    );
    const [a, b] = folder.files;
    const rows: HistoryRow[] = [
      { id: 1, hash: a!.hash!, createdAt: 1000 },
      { id: 2, hash: 'edited', createdAt: 2000 },
      { id: 3, hash: 'gone', createdAt: 3000 },
    ];
    const state = reconcile(folder, rows, (hash) => (hash === a!.hash ? '2026-01-01T00:00:00.000Z' : null));
    expect(state.items.map((i) => [i.tag, i.state])).toEqual([
      ['0000_a', 'applied'],
      ['0001_b', 'modified'],
      ['0002_late', 'would-skip'],
      ['0003_c', 'pending'],
      ['#3', 'file-missing'],
    ]);
    expect(state.items[0]!.appliedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(state.pending.map((f) => f.tag)).toEqual(['0003_c']);
    expect(state.refusal).toBe('Apply is refused until resolved: 0001_b (modified), 0002_late (would-skip).');
    expect(b!.equivalentHashes).toContain(b!.hash);
    // A journal time edited after applying: matched by hash, still applied.
    const moved = reconcile(folder, [{ id: 1, hash: a!.hash!, createdAt: 999 }]);
    expect(moved.items[0]!.state).toBe('applied');
  });
});
