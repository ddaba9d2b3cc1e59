import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../../../../shared/ipc/contracts/migrations';

export const auditFile = (userDataDir: string): string => join(userDataDir, 'migrations-audit.jsonl');

/**
 * One JSON line per apply, appended: an append-only log survives a crash mid-write better
 * than rewriting a JSON array, and a torn last line is skipped when reading.
 */
export async function appendAudit(file: string, entry: AuditEntry): Promise<void> {
  await appendFile(file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
}

export async function readAudit(file: string, filter: { connectionId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as AuditEntry;
      if (!filter.connectionId || entry.connectionId === filter.connectionId) entries.push(entry);
    } catch {
      // A torn line from a crash mid-append: skip it, keep the rest.
    }
  }
  return entries.reverse().slice(0, filter.limit ?? 200);
}
