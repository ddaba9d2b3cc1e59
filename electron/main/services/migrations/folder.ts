import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitStatements } from '../../../../shared/migrations/sql-text';

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
  breakpoints: boolean;
}

export interface MigrationFile {
  idx: number;
  tag: string;
  /** Journal `when`: drizzle records it as `created_at` and compares it to decide what to run. */
  when: number;
  /** The file exactly as read (null when the journal names a file that is missing). */
  sql: string | null;
  /** drizzle's chunks, verbatim: what apply runs and preview shows. */
  statements: string[];
  /** sha256 of the file text, exactly as drizzle's `readMigrationFiles` computes it. */
  hash: string | null;
  /** Hashes the same file would have with other line endings (LF / CRLF): not a modification. */
  equivalentHashes: string[];
}

export interface MigrationFolder {
  folder: string;
  journalFound: boolean;
  files: MigrationFile[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads `meta/_journal.json` and every SQL file it names, the way drizzle's migrator does
 * (`drizzle-orm/migrator.js`): file read as UTF-8 text, hashed whole, split on the breakpoint
 * marker without trimming. A missing journal is an empty folder, not an error.
 */
export async function readMigrationFolder(folder: string): Promise<MigrationFolder> {
  let journalText: string;
  try {
    journalText = await readFile(join(folder, 'meta', '_journal.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { folder, journalFound: false, files: [] };
    throw err;
  }
  const journal = JSON.parse(journalText) as { entries?: JournalEntry[] };
  const files: MigrationFile[] = [];
  for (const entry of journal.entries ?? []) {
    let sql: string | null = null;
    try {
      sql = (await readFile(join(folder, `${entry.tag}.sql`))).toString();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    files.push({
      idx: entry.idx,
      tag: entry.tag,
      when: Number(entry.when),
      sql,
      statements: sql === null ? [] : splitStatements(sql),
      hash: sql === null ? null : sha256(sql),
      equivalentHashes: sql === null ? [] : lineEndingVariants(sql).map(sha256),
    });
  }
  return { folder, journalFound: true, files };
}

/** The file with LF and with CRLF line endings: a checkout on Windows must not read as "modified". */
function lineEndingVariants(sql: string): string[] {
  const lf = sql.replace(/\r\n/g, '\n');
  return [...new Set([sql, lf, lf.replace(/\n/g, '\r\n')])];
}
