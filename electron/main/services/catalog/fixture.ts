import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../db/driver';

/** The unmanaged sample database (e2e/fixtures/unmanaged.sql), statement by statement (both drivers). */
export async function loadUnmanagedFixture(db: Queryable, root = process.cwd()): Promise<void> {
  const sql = await readFile(join(root, 'e2e/fixtures/unmanaged.sql'), 'utf8');
  const statements = sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^(\s*--[^\n]*\n)+/g, '').trim())
    .filter(Boolean);
  for (const statement of statements) await db.query(statement);
}
