import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Filter, Sort } from '../../../../shared/records/filter';
import type { Cell } from '../../../../shared/ipc/contracts/records';
import type { Queryable } from '../../db/driver';
import { estimateRows, readPage } from './reads';
import type { TableInfo } from './table-info';

export interface ExportOptions {
  format: 'csv' | 'json';
  /** CSV: write cells exactly, formulas included (the user opted out of ISO-08's neutralising). */
  rawValues?: boolean;
  sort?: Sort | undefined;
  filters: Filter[];
  dir: string;
  batch?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | null) => void;
}

/** What a spreadsheet treats as the start of a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * ISO-08: a cell that would be evaluated when the file is opened in a spreadsheet gets a
 * leading `'`, which spreadsheets show as text and do not evaluate. Column names included.
 */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 field; NULL is an empty unquoted field, the empty string is `""`. Formula-looking
 * cells are neutralised unless `raw`.
 */
export function csvField(cell: Cell, raw = false): string {
  if (cell === null) return '';
  const value = raw ? cell : neutraliseFormula(cell);
  if (value === '' || /[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** Runs one read in the run context's READ ONLY transaction (one per batch). */
export type ReadIn = <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>;

/**
 * Writes the current view (same filters and sort as the grid) to a file in keyset batches: main
 * never holds more than one batch, and values are exported as exact text, uncapped. Each batch
 * is its own read (ISO-10); a failed export leaves no partial file behind.
 */
export async function exportView(read: ReadIn, info: TableInfo, options: ExportOptions): Promise<{ path: string; rows: number; bytes: number }> {
  await mkdir(options.dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const safe = info.table.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60) || 'table';
  const path = join(options.dir, `${safe}-${stamp}.${options.format}`);
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const total = await read((q) => estimateRows(q, info, options.filters, options.signal)).catch(() => null);
  const names = info.columns.map((c) => c.name);
  let rows = 0;
  try {
    // Numeric columns are what PostgreSQL prints for a number (`-5`, `1e+20`): the type, not
    // the text, says they cannot hold a formula, so negative numbers stay numbers.
    const raw = info.columns.map((c) => options.rawValues === true || c.kind === 'number');
    if (options.format === 'csv') await write(`${names.map((n) => csvField(n, options.rawValues ?? false)).join(',')}\r\n`);
    else await write('[');
    let after: Cell[] | undefined;
    for (;;) {
      const page = await read((q) =>
        readPage(q, info, { limit: options.batch ?? 1000, cellCap: 2_000_000_000, sort: options.sort, filters: options.filters, after }, options.signal),
      );
      for (const row of page.rows) {
        if (options.format === 'csv') {
          await write(`${row.map((cell, i) => csvField(cell, raw[i])).join(',')}\r\n`);
        } else {
          const object = Object.fromEntries(names.map((n, i) => [n, row[i]]));
          await write(`${rows === 0 ? '\n' : ',\n'}${JSON.stringify(object)}`);
        }
        rows++;
      }
      options.onProgress?.(rows, total);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    if (options.format === 'json') await write('\n]\n');
  } catch (err) {
    out.end();
    await once(out, 'close').catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
  out.end();
  await once(out, 'close').catch(() => undefined);
  return { path, rows, bytes };
}
