import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { openPostgres } from '../electron/main/db/postgres';
import { quoteIdent } from '../electron/main/db/quote';
import { parsePostgresUrl } from '../electron/main/db/url';
import { applyMigrations } from '../electron/main/services/migrations/apply';
import type { BenchRow } from './types';
import { rawClient, serverUrl } from './workload';

// P9: Warden's locked, linted, verified apply of the whole history to an empty database, against
// `drizzle-kit migrate` (the CLI users would otherwise run) and against drizzle's migrator called
// in-process (the same work without the CLI's start-up), all on the same server in this run.

const ROUNDS = 5;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function withFreshDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `warden_p9_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = rawClient(serverUrl());
  await admin.unsafe(`create database ${quoteIdent(name)}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

async function timeWarden(url: string, folder: string): Promise<number> {
  const db = await openPostgres({ ...parsePostgresUrl(url), max: 2 });
  try {
    const started = performance.now();
    const result = await applyMigrations({ db, folder });
    const elapsed = performance.now() - started;
    if (!result.verified || result.applied.length === 0) throw new Error('Warden apply did not apply and verify the history');
    return elapsed;
  } finally {
    await db.close();
  }
}

async function timeDrizzleInProcess(url: string, folder: string): Promise<number> {
  const db = await openPostgres({ ...parsePostgresUrl(url), max: 2 });
  try {
    const started = performance.now();
    await drizzleMigrate(db.drizzle as unknown as PostgresJsDatabase, { migrationsFolder: folder });
    return performance.now() - started;
  } finally {
    await db.close();
  }
}

/** `drizzle-kit migrate` with the root drizzle.config.ts, wall time of the process. */
function timeDrizzleKit(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(join(root, 'node_modules', '.bin', 'drizzle-kit'), ['migrate', '--config', 'drizzle.config.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = performance.now() - started;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`drizzle-kit migrate exited ${code}: ${output.slice(-400)}`));
    });
  });
}

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
};

export async function runMigrationsBench(): Promise<BenchRow[]> {
  const folder = resolveMigrationsFolder();
  const warden: number[] = [];
  const kit: number[] = [];
  const inProcess: number[] = [];
  // Interleaved so a busy moment of the shared machine hits all three alike.
  for (let round = 0; round < ROUNDS; round++) {
    warden.push(await withFreshDatabase((url) => timeWarden(url, folder)));
    kit.push(await withFreshDatabase((url) => timeDrizzleKit(url)));
    inProcess.push(await withFreshDatabase((url) => timeDrizzleInProcess(url, folder)));
  }
  const w = stats(warden);
  const k = stats(kit);
  const d = stats(inProcess);
  return [
    { goal: 'P9', what: '`drizzle-kit migrate` CLI, full history, empty db (process wall time)', ...k },
    { goal: 'P9', what: 'drizzle migrate() in-process, full history, empty db', ...d },
    {
      goal: 'P9',
      what: 'Warden apply (lock, re-read, lint, 1 tx, verify), full history vs drizzle-kit migrate',
      ...w,
      floor: k.median,
      ratio: w.median / k.median,
      target: '≤ 1.2×',
    },
    {
      goal: 'P9',
      what: 'Warden apply vs drizzle migrate() in-process (same work without CLI start-up)',
      ...w,
      floor: d.median,
      ratio: w.median / d.median,
      target: '≤ 1.2×',
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMigrationsBench().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
