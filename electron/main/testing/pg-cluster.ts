import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './tcp-proxy';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for tests that restart or reconfigure the server (CONN-01,
 * CONN-03, CONN-05): `initdb` + `pg_ctl` run as the `postgres` OS user, a random loopback port,
 * the unix socket in its own temp directory, everything removed by `destroy()`.
 */
export interface PgClusterOptions {
  /** Authentication over TCP. The unix socket always trusts, so the test's admin never needs a password. */
  auth?: 'trust' | 'md5' | 'scram-sha-256';
  /** Password of the `postgres` superuser (set when auth is not trust). */
  superuserPassword?: string;
  /** Serve TLS with this PEM certificate and key. */
  ssl?: { certPem: string; keyPem: string };
  /** Extra postgresql.conf settings. */
  settings?: Record<string, string>;
}

export type StopMode = 'smart' | 'fast' | 'immediate';

export interface PgCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly dataDir: string;
  /** Directory of the unix socket (postgres.js accepts it as `host`). */
  readonly socketDir: string;
  readonly running: boolean;
  start(): Promise<void>;
  stop(mode: StopMode): Promise<void>;
  restart(mode: StopMode): Promise<void>;
  /** Runs SQL as the superuser over the unix socket (trust), returns stdout of psql. */
  psql(sql: string, database?: string): Promise<string>;
  destroy(): Promise<void>;
}

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('initdb not found under /usr/lib/postgresql/*/bin');
  return join(root, versions[0]!, 'bin');
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary as the `postgres` OS user (PostgreSQL refuses to run as root). */
async function asPostgres(bin: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const file = join(postgresBinDir(), bin);
  const [cmd, cmdArgs] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const { stdout } = await run(cmd, cmdArgs, { timeout: timeoutMs, env: cleanEnv() });
  return stdout;
}

/** The child must not inherit PG* variables from the developer's shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  return env;
}

async function giveToPostgres(path: string): Promise<void> {
  if (!isRoot()) return;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await chown(path, Number(stdout.trim()), Number(gid.trim()));
}

export async function createPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const root = await mkdtemp(join(tmpdir(), 'warden-pgcluster-'));
  await chmod(root, 0o755);
  await giveToPostgres(root);
  const dataDir = join(root, 'data');
  const socketDir = root;
  const logFile = join(root, 'server.log');
  const auth = options.auth ?? 'trust';

  const initArgs = ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', `--auth-host=${auth}`, '--no-sync', '-E', 'UTF8', '--locale=C'];
  let pwFile: string | undefined;
  if (options.superuserPassword !== undefined) {
    pwFile = join(root, 'pw');
    await writeFile(pwFile, `${options.superuserPassword}\n`, { mode: 0o600 });
    await giveToPostgres(pwFile);
    initArgs.push(`--pwfile=${pwFile}`);
  }
  await asPostgres('initdb', initArgs, 120_000);
  if (pwFile) await rm(pwFile, { force: true });

  const conf: string[] = [
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    // Throwaway data: durability is not under test here (CONN-09 tests PGlite), speed is welcome.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 50',
    "password_encryption = 'scram-sha-256'",
  ];
  if (auth === 'md5') conf.push("password_encryption = 'md5'");
  if (options.ssl) {
    const cert = join(dataDir, 'server.crt');
    const key = join(dataDir, 'server.key');
    await writeFile(cert, options.ssl.certPem);
    await writeFile(key, options.ssl.keyPem, { mode: 0o600 });
    await giveToPostgres(cert);
    await giveToPostgres(key);
    conf.push('ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'");
  }
  for (const [k, v] of Object.entries(options.settings ?? {})) conf.push(`${k} = '${v.replace(/'/g, "''")}'`);

  let port = 0;
  let running = false;
  const start = async () => {
    // A random free port; retried because another process may grab it between probe and bind.
    for (let attempt = 0; ; attempt++) {
      if (port === 0) {
        port = await freePort();
        await appendFile(join(dataDir, 'postgresql.conf'), `\n${conf.join('\n')}\nport = ${port}\n`);
      }
      try {
        await asPostgres('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], 90_000);
        running = true;
        return;
      } catch (err) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (attempt < 3 && /could not bind|Address already in use/i.test(log)) {
          port = 0;
          continue;
        }
        throw new Error(`pg_ctl start failed: ${(err as Error).message}\n${log.slice(-2000)}`);
      }
    }
  };
  const stop = async (mode: StopMode) => {
    if (!running) return;
    await asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], 90_000);
    running = false;
  };

  await start();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    dataDir,
    socketDir,
    get running() {
      return running;
    },
    start,
    stop,
    async restart(mode) {
      await stop(mode);
      await start();
    },
    async psql(sql, database = 'postgres') {
      const psql = join(postgresBinDir(), 'psql');
      const bin = existsSync(psql) ? psql : 'psql';
      const { stdout } = await run(bin, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', database, '-c', sql], {
        env: cleanEnv(),
        timeout: 60_000,
      });
      return stdout.trim();
    },
    async destroy() {
      await stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
