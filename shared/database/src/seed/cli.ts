import { parseArgs } from 'node:util';
import { clientFromUrl } from '../client';
import { applyMigrationsWithDrizzle } from '../migrate';
import { sessionOver } from '../sql-session';
import { seedDemoData } from './index';

// `npm run db:seed` (plain Node: node --import tsx): the demo data into the database DATABASE_URL
// names. The target must be migrated (`npm run db:migrate`, or --migrate here) and empty: the
// seed inserts fixed ids.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/db npm run db:seed
//   npm run db:seed -- --url pglite:./.warden-dev/demo --migrate
//   npm run db:seed -- --scale 500            (benchmark volumes)
//   npm run db:seed -- --usage-records 1000000

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    pglite: { type: 'string' },
    scale: { type: 'string', default: '1' },
    migrate: { type: 'boolean', default: false },
    'usage-records': { type: 'string' },
  },
});

const url = values.pglite ? `pglite:${values.pglite}` : (values.url ?? process.env.DATABASE_URL);
let client: ReturnType<typeof clientFromUrl>;
try {
  client = clientFromUrl(url);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const session = sessionOver(client);
try {
  if (values.migrate) await applyMigrationsWithDrizzle(session);
  let shown = -1;
  const started = performance.now();
  const summary = await seedDemoData(session, {
    scale: Number(values.scale),
    ...(values['usage-records'] ? { usageRecords: Number(values['usage-records']) } : {}),
    onProgress: (done, total, label) => {
      const pct = Math.floor((done / total) * 100);
      if (pct !== shown && process.stdout.isTTY) {
        shown = pct;
        process.stdout.write(`\r${pct}% ${label.padEnd(28)}`);
      }
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  process.stdout.write(`${summary.total} rows in ${Math.round(performance.now() - started)} ms\n`);
} catch (err) {
  // Only the server's message (never the URL); the transaction rolled back, nothing was written.
  console.error(`db:seed failed: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`);
  process.exitCode = 1;
} finally {
  if ('end' in client) await client.end();
  else await client.close();
}
