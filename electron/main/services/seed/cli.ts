import { parseArgs } from 'node:util';
import type { Database } from '../../db/driver';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import { parsePostgresUrl } from '../../db/url';
import { seedDemoData } from '@repo/database/seed';

// Command line for benchmarks and manual demos:
//   npx tsx electron/main/services/seed/cli.ts --url postgres://postgres@127.0.0.1:5432/db --migrate --scale 500
//   npx tsx electron/main/services/seed/cli.ts --url ... --migrate --usage-records 1000000
//   npx tsx electron/main/services/seed/cli.ts --pglite ./.warden-dev/demo --migrate
// The target must be empty (the seed inserts fixed ids). --url defaults to DATABASE_URL.

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    pglite: { type: 'string' },
    scale: { type: 'string', default: '1' },
    migrate: { type: 'boolean', default: false },
    'usage-records': { type: 'string' },
  },
});

const url = values.url ?? process.env.DATABASE_URL;
if (!values.pglite && !url) {
  console.error('Give --url (or DATABASE_URL) or --pglite <dir>.');
  process.exit(2);
}
const db: Database = values.pglite ? await openPglite({ dataDir: values.pglite }) : await openPostgres({ ...parsePostgresUrl(url as string), max: 2 });
try {
  if (values.migrate) await applyMigrationsWithDrizzle(db);
  let shown = -1;
  const started = performance.now();
  const summary = await seedDemoData(db, {
    scale: Number(values.scale),
    ...(values['usage-records'] ? { usageRecords: Number(values['usage-records']) } : {}),
    onProgress: (done, total, label) => {
      const pct = Math.floor((done / total) * 100);
      if (pct !== shown) {
        shown = pct;
        process.stdout.write(`\r${pct}% ${label.padEnd(28)}`);
      }
    },
  });
  process.stdout.write(`\n${summary.total} rows in ${Math.round(performance.now() - started)} ms\n`);
} finally {
  await db.close();
}
