import postgres from 'postgres';

/**
 * The reference workload of docs/performance.md, built on the local server (or BENCH_DATABASE_URL)
 * in its own database `warden_bench` and cached between runs: a 1,000,000-row table shaped like
 * the schema's `user` table and a 5,000,000-row narrow table shaped like `usage_record`, both
 * ANALYZEd. A run only rebuilds when the row counts recorded after the last load differ.
 * Every bench file uses `benchDatabaseUrl()` and the names below, so all rows of the table
 * measure the same data.
 */
export const BENCH_DATABASE = 'warden_bench';
export const USER_ROWS = 1_000_000;
export const USAGE_ROWS = 5_000_000;
/** Both in schema `public`; `user` must be quoted (reserved word). */
export const BENCH_TABLES = { user: 'user', usage: 'usage_record' } as const;
/** The id of row n (1-based): ids sort in insertion order, so keyset and OFFSET pages match. */
export const userId = (n: number) => `u${String(n).padStart(7, '0')}`;

export function serverUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function benchDatabaseUrl(): string {
  const url = new URL(serverUrl());
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** A raw postgres.js client with nothing taken from PG* variables beyond the URL. */
export function rawClient(url = benchDatabaseUrl(), max = 1) {
  return postgres(url, { max, onnotice: () => {}, idle_timeout: 30 });
}

export async function ensureBenchWorkload(log: (line: string) => void = console.log): Promise<string> {
  const admin = rawClient(serverUrl());
  try {
    const exists = await admin`select 1 from pg_database where datname = ${BENCH_DATABASE}`;
    if (exists.length === 0) {
      log(`creating database ${BENCH_DATABASE}`);
      await admin.unsafe(`create database ${BENCH_DATABASE}`);
    }
  } finally {
    await admin.end();
  }
  const sql = rawClient();
  try {
    await sql`create table if not exists bench_meta (name text primary key, row_count bigint not null)`;
    const meta = new Map((await sql<{ name: string; row_count: string }[]>`select name, row_count::text from bench_meta`).map((r) => [r.name, Number(r.row_count)]));
    if (meta.get(BENCH_TABLES.user) !== USER_ROWS) await buildUsers(sql, log);
    if (meta.get(BENCH_TABLES.usage) !== USAGE_ROWS) await buildUsage(sql, log);
  } finally {
    await sql.end();
  }
  return benchDatabaseUrl();
}

type Sql = ReturnType<typeof rawClient>;

async function buildUsers(sql: Sql, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  log(`loading ${USER_ROWS.toLocaleString('en')} rows into "user" ...`);
  await sql.unsafe(`
    drop table if exists "user" cascade;
    create table "user" (
      id text primary key,
      name text not null,
      email text not null unique,
      email_verified boolean not null default false,
      image text,
      created_at timestamp not null default now(),
      updated_at timestamp not null default now(),
      role text,
      banned boolean,
      ban_reason text,
      ban_expires timestamp,
      metadata jsonb
    );
    insert into "user" (id, name, email, email_verified, image, created_at, updated_at, role, banned, ban_reason, ban_expires, metadata)
    select 'u' || lpad(n::text, 7, '0'),
           'User ' || n,
           'user' || n || '@example.com',
           n % 3 = 0,
           case when n % 4 = 0 then 'https://img.example.com/' || n || '.png' end,
           timestamp '2024-01-01' + (n || ' seconds')::interval,
           timestamp '2024-06-01' + (n || ' seconds')::interval,
           (array['user', 'admin', 'support'])[1 + n % 3],
           n % 50 = 0,
           case when n % 50 = 0 then 'spam' end,
           case when n % 50 = 0 then timestamp '2030-01-01' end,
           jsonb_build_object('plan', (array['free', 'pro', 'team'])[1 + n % 3], 'logins', n % 97)
    from generate_series(1, ${USER_ROWS}) as n;
    analyze "user";
  `);
  await sql`insert into bench_meta values (${BENCH_TABLES.user}, ${USER_ROWS}) on conflict (name) do update set row_count = excluded.row_count`;
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function buildUsage(sql: Sql, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  log(`loading ${USAGE_ROWS.toLocaleString('en')} rows into usage_record ...`);
  await sql.unsafe(`
    drop table if exists usage_record;
    create table usage_record (
      id text primary key,
      user_id text,
      metric text not null default 'api_request',
      quantity integer not null default 1,
      endpoint text,
      method text,
      status_code integer,
      created_at timestamp not null default now()
    );
    insert into usage_record (id, user_id, metric, quantity, endpoint, method, status_code, created_at)
    select 'r' || lpad(n::text, 8, '0'),
           'u' || lpad((1 + n % ${USER_ROWS})::text, 7, '0'),
           'api_request',
           1 + n % 5,
           '/v1/items/' || (n % 1000),
           (array['GET', 'POST', 'PUT', 'DELETE'])[1 + n % 4],
           (array[200, 200, 200, 201, 404, 500])[1 + n % 6],
           timestamp '2024-01-01' + (n || ' seconds')::interval
    from generate_series(1, ${USAGE_ROWS}) as n;
    create index usage_record_user_id_created_at_idx on usage_record (user_id, created_at);
    analyze usage_record;
  `);
  await sql`insert into bench_meta values (${BENCH_TABLES.usage}, ${USAGE_ROWS}) on conflict (name) do update set row_count = excluded.row_count`;
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
