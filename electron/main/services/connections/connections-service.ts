import { randomUUID } from 'node:crypto';
import {
  type ConnectionDraft,
  type ConnectionState,
  type ConnectionSummary,
  EMBEDDED_CONNECTION_ID,
  environmentColors,
  type ServerInfo,
} from '../../../../shared/ipc/contracts/connections';
import type { Database } from '../../db/driver';
import { AppFailure, fail, toAppError } from '../../db/errors';
import { openPostgres, type PostgresConfig } from '../../db/postgres';
import type { SecretStore } from '../../secrets';
import { resolveDraft } from './draft';
import { askPasswordForEndpoint, type Endpoint, openPassword, sameEndpoint, sealPassword } from './endpoint-secret';
import { createImpersonationLogin, describeLogin } from './impersonation-login';
import { openLiveDatabase, type ResilienceOptions } from './open-live';
import { ResilientDatabase } from './resilient-database';
import { readServerInfo } from './server-info';
import type { SavedConnection, SavedConnectionsFile } from './saved-connections';

interface Live {
  db?: Database;
  state: ConnectionState;
  stateReason?: string;
  readOnly: boolean;
  /** A password typed for "ask every time"; in memory only, for reconnects. */
  typedPassword?: string;
  unlocked: boolean;
  /** Aborts a connect that is still waiting for the server (cancel while connecting). */
  connecting?: AbortController;
  /** The View-as login's pool (see impersonation-login.ts). */
  impersonation?: Database;
  /** Read from the server once connected (ISO-03 banner). */
  loginIsSuperuser?: boolean;
}

export type { ResilienceOptions } from './open-live';
export { readServerInfo } from './server-info';

export interface ConnectionsServiceOptions {
  file: SavedConnectionsFile;
  secrets: SecretStore;
  embedded: () => Promise<Database>;
  onChanged?: (summary: ConnectionSummary) => void;
  resilience?: ResilienceOptions;
}

/**
 * Saved connections and the live databases behind them. Passwords are decrypted only here,
 * only to open a connection, and never returned: summaries carry `hasPassword`.
 */
export class ConnectionsService {
  private readonly live = new Map<string, Live>();
  private readonly secretsInUse = new Set<string>();

  constructor(private readonly options: ConnectionsServiceOptions) {
    this.live.set(EMBEDDED_CONNECTION_ID, { state: 'connecting', readOnly: false, unlocked: true });
  }

  /** Every password currently in memory, so error texts can be scrubbed of them. */
  knownSecrets(): string[] {
    return [...this.secretsInUse];
  }

  async openEmbedded(): Promise<void> {
    const live = this.live.get(EMBEDDED_CONNECTION_ID)!;
    try {
      live.db = await this.options.embedded();
      this.setState(EMBEDDED_CONNECTION_ID, 'ready');
    } catch (err) {
      this.setState(EMBEDDED_CONNECTION_ID, 'broken', toAppError(err).message);
      throw err;
    }
  }

  /**
   * Swaps the embedded database (a backup restore): `replace` gets the open instance, must
   * close it (PGlite allows one instance per directory) and returns its successor. If that
   * fails, whatever is on disk is reopened so the app keeps an embedded database.
   */
  async replaceEmbedded(replace: (current: Database) => Promise<Database>): Promise<void> {
    const live = this.live.get(EMBEDDED_CONNECTION_ID)!;
    const current = live.db;
    if (!current) fail('network', 'The embedded database is not open.');
    delete live.db;
    this.setState(EMBEDDED_CONNECTION_ID, 'connecting');
    try {
      live.db = await replace(current);
      this.setState(EMBEDDED_CONNECTION_ID, 'ready');
    } catch (err) {
      await current.close().catch(() => undefined);
      await this.openEmbedded().catch(() => undefined);
      throw err;
    }
  }

  /**
   * The migrator's own session on a connected server: a separate one-connection pool (not the
   * reconnecting pool, which may swap sockets under a session-level advisory lock). The caller
   * closes it. Same credentials and read-only setting as the live connection.
   */
  async openDedicated(id: string, applicationName = 'warden-migrator'): Promise<Database> {
    const saved = await this.mustFind(id);
    const live = this.live.get(id);
    if (!live?.db) fail('network', 'Connect first.');
    const password = live.typedPassword ?? (await this.storedPassword(saved));
    return openPostgres({ ...toConfig(saved, password), max: 1, readOnly: live.readOnly, applicationName });
  }

  async list(): Promise<ConnectionSummary[]> {
    const { connections } = await this.options.file.read();
    return [this.embeddedSummary(), ...connections.map((c) => this.summarize(c))];
  }

  async save(draft: ConnectionDraft): Promise<ConnectionSummary> {
    const file = await this.options.file.read();
    const existing = draft.id ? file.connections.find((c) => c.id === draft.id) : undefined;
    if (draft.id && !existing) fail('validation', 'No saved connection with that id.');
    if (draft.id === EMBEDDED_CONNECTION_ID) fail('validation', 'The embedded database cannot be edited.');
    const { fields, password } = resolveDraft(draft, existing);
    let passwordCipher = existing?.passwordCipher;
    if (password === null || fields.askPassword) passwordCipher = undefined;
    else if (password === undefined && passwordCipher && existing && !sameEndpoint(fields, existing)) {
      // ISO-07: the stored password stays with the endpoint it was typed for.
      askPasswordForEndpoint();
    } else if (typeof password === 'string' && password.length > 0) {
      if (this.options.secrets.state() !== 'available') {
        fail('validation', 'Secure storage is not available on this system, so the password cannot be saved. Choose "ask every time".', {
          issues: [{ path: ['askPassword'], message: 'Secure storage unavailable: choose "ask every time"' }],
        });
      }
      passwordCipher = await sealPassword(this.options.secrets, fields, password);
    }
    const saved: SavedConnection = { id: existing?.id ?? randomUUID(), ...fields, ...(passwordCipher ? { passwordCipher } : {}) };
    await this.options.file.update((current) => ({
      ...current,
      connections: existing ? current.connections.map((c) => (c.id === saved.id ? saved : c)) : [...current.connections, saved],
    }));
    if (existing) {
      await this.dropLive(saved.id);
      // A password typed for "ask every time" belonged to the connection as it was (ISO-07).
      const live = this.live.get(saved.id);
      if (live) delete live.typedPassword;
    }
    return this.summarize(saved);
  }

  async remove(id: string): Promise<boolean> {
    if (id === EMBEDDED_CONNECTION_ID) fail('validation', 'The embedded database cannot be removed.');
    await this.dropLive(id);
    let removed = false;
    await this.options.file.update((current) => {
      const connections = current.connections.filter((c) => c.id !== id);
      removed = connections.length !== current.connections.length;
      return { ...current, connections };
    });
    this.live.delete(id);
    return removed;
  }

  /** Opens a throwaway connection with the draft (or a saved one) and reports what it sees. */
  async test(input: { draft?: ConnectionDraft; id?: string }): Promise<ServerInfo & { latencyMs: number }> {
    let config: PostgresConfig;
    if (input.id === EMBEDDED_CONNECTION_ID) return { ...(await this.serverInfo(EMBEDDED_CONNECTION_ID)), latencyMs: 0 };
    if (input.draft) {
      const existing = input.draft.id ? await this.find(input.draft.id) : undefined;
      const { fields, password } = resolveDraft(input.draft, existing);
      // ISO-07: a draft naming another endpoint is tested with what it carries, never with the
      // stored password (openPassword checks the binding again inside the ciphertext).
      if (password === undefined && existing?.passwordCipher && !sameEndpoint(fields, existing)) askPasswordForEndpoint();
      const stored = password === undefined && existing ? await this.storedPassword(existing, fields) : undefined;
      config = toConfig(fields, password ?? stored ?? undefined);
    } else if (input.id) {
      const saved = await this.mustFind(input.id);
      config = toConfig(saved, this.live.get(saved.id)?.typedPassword ?? (await this.storedPassword(saved)));
    } else {
      fail('validation', 'Give a draft or a saved connection id to test.');
    }
    if (config.password) this.secretsInUse.add(config.password);
    const started = performance.now();
    const db = await openPostgres({ ...config, max: 1, connectTimeoutSec: this.options.resilience?.connectTimeoutSec ?? 10 });
    try {
      const info = await readServerInfo(db, config.sslmode);
      return { ...info, latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      throw new AppFailure(toAppError(err, config.password ? [config.password] : []));
    } finally {
      await db.close().catch(() => undefined);
    }
  }

  async connect(id: string, typedPassword?: string): Promise<ConnectionSummary> {
    if (id === EMBEDDED_CONNECTION_ID) return this.status(id);
    const saved = await this.mustFind(id);
    await this.dropLive(id);
    const live: Live = { state: 'connecting', readOnly: saved.environment === 'production', unlocked: false };
    if (typedPassword !== undefined) live.typedPassword = typedPassword;
    live.connecting = new AbortController();
    this.live.set(id, live);
    this.setState(id, 'connecting');
    let password: string | undefined;
    try {
      password = typedPassword ?? (await this.storedPassword(saved));
    } catch (err) {
      // A password that cannot be used here (another endpoint, undecryptable) leaves the
      // connection idle rather than stuck in "connecting".
      delete live.connecting;
      this.setState(id, 'disconnected');
      throw err;
    }
    if (saved.askPassword && password === undefined) {
      this.setState(id, 'disconnected');
      fail('auth', 'This connection asks for its password every time: enter it to connect.', { code: 'password_required' });
    }
    if (password) this.secretsInUse.add(password);
    try {
      live.db = await this.openResilient(id, live, { ...toConfig(saved, password), readOnly: live.readOnly }, live.connecting.signal);
      await this.openTrust(saved, live);
      this.setState(id, 'ready');
    } catch (err) {
      const error = toAppError(err, password ? [password] : []);
      this.setState(id, error.kind === 'cancelled' ? 'disconnected' : 'broken', error.kind === 'cancelled' ? undefined : error.message);
      throw new AppFailure(error);
    } finally {
      delete live.connecting;
    }
    return this.status(id);
  }

  async disconnect(id: string): Promise<ConnectionSummary> {
    if (id === EMBEDDED_CONNECTION_ID) fail('validation', 'The embedded database stays open while the app runs.');
    await this.dropLive(id);
    this.setState(id, 'disconnected');
    return this.status(id);
  }

  async status(id: string): Promise<ConnectionSummary> {
    if (id === EMBEDDED_CONNECTION_ID) return this.embeddedSummary();
    return this.summarize(await this.mustFind(id));
  }

  /** Production connections are read-only until the user types the connection's name. */
  async unlockWrites(id: string, confirmation: string): Promise<ConnectionSummary> {
    const saved = id === EMBEDDED_CONNECTION_ID ? undefined : await this.mustFind(id);
    const live = this.live.get(id);
    if (!saved || !live?.db) fail('validation', 'Connect first.');
    if (confirmation !== saved.name) {
      fail('validation', 'Type the connection name exactly to unlock writes.', {
        issues: [{ path: ['confirmation'], message: 'Does not match the connection name' }],
      });
    }
    if (!live.readOnly) return this.status(id);
    const password = live.typedPassword ?? (await this.storedPassword(saved));
    const db = await this.openResilient(id, live, { ...toConfig(saved, password), readOnly: false });
    await live.db.close().catch(() => undefined);
    live.db = db;
    live.readOnly = false;
    live.unlocked = true;
    await this.openTrust(saved, live);
    this.setState(id, 'ready');
    return this.status(id);
  }

  async serverInfo(id: string): Promise<ServerInfo> {
    const saved = id === EMBEDDED_CONNECTION_ID ? undefined : await this.find(id);
    return readServerInfo(this.database(id), saved?.sslmode);
  }

  /** Cancels every running operation (or a pending connect) on a connection; returns how many. */
  cancel(id: string): number {
    const live = this.live.get(id);
    if (!live) return 0;
    let count = 0;
    if (live.connecting && !live.connecting.signal.aborted) {
      live.connecting.abort();
      count++;
    }
    if (live.db instanceof ResilientDatabase) count += live.db.cancelAll();
    return count;
  }

  /**
   * A server connection that reconnects by itself after a drop. Its state changes become
   * `connections.changed` events while it is still the live database of that connection.
   */
  private async openResilient(id: string, live: Live, config: PostgresConfig, signal?: AbortSignal): Promise<ResilientDatabase> {
    let opened: ResilientDatabase | undefined;
    opened = await openLiveDatabase({
      config,
      tuning: this.options.resilience ?? {},
      secrets: () => this.knownSecrets(),
      ...(signal ? { signal } : {}),
      onState: (state, reason) => {
        if (opened && this.live.get(id) === live && live.db === opened) this.setState(id, state, reason);
      },
    });
    return opened;
  }

  /**
   * Creates the connection's View-as login on the server (ISO-05), keeps its generated password
   * with the connection's secrets (SecretStore), and runs impersonated work over it from now on.
   */
  async createImpersonationLogin(id: string, role: string): Promise<ConnectionSummary> {
    if (id === EMBEDDED_CONNECTION_ID) fail('validation', 'The embedded database has one session and one login: View as cannot be made airtight there.');
    const saved = await this.mustFind(id);
    const live = this.live.get(id);
    if (!live?.db) fail('validation', 'Connect first.');
    if (this.options.secrets.state() !== 'available') fail('validation', 'Secure storage is not available on this system, so the View-as login password cannot be kept.');
    const created = await createImpersonationLogin(live.db, role);
    this.secretsInUse.add(created.password);
    const passwordCipher = await this.options.secrets.encrypt(created.password);
    const updated: SavedConnection = { ...saved, impersonationLogin: { role: created.role, passwordCipher } };
    await this.options.file.update((current) => ({ ...current, connections: current.connections.map((c) => (c.id === id ? updated : c)) }));
    await this.openTrust(updated, live);
    return this.status(id);
  }

  /** The login facts and, when there is one, the View-as login's own pool (same endpoint, other user). */
  private async openTrust(saved: SavedConnection, live: Live): Promise<void> {
    if (!live.db) return;
    live.loginIsSuperuser = (await describeLogin(live.db).catch(() => ({ superuser: false }))).superuser;
    const previous = live.impersonation;
    delete live.impersonation;
    await previous?.close().catch(() => undefined);
    if (!saved.impersonationLogin) return;
    const password = await this.options.secrets.decrypt(saved.impersonationLogin.passwordCipher);
    this.secretsInUse.add(password);
    live.impersonation = await openPostgres({
      ...toConfig(saved, password),
      user: saved.impersonationLogin.role,
      readOnly: live.readOnly,
      applicationName: 'warden-view-as',
    });
  }

  /** The open database of a connection; a typed error when it is not connected. */
  database(id: string): Database {
    const live = this.live.get(id);
    if (!live?.db) fail('network', live?.state === 'broken' ? `Not connected: ${live.stateReason ?? 'broken'}` : 'Not connected.');
    return live.db;
  }

  /**
   * The pool logged in as the connection's View-as login (PostgREST's `authenticator` pattern,
   * ISO-05), when one was created and connected; undefined means View as runs over the
   * connection's own (possibly privileged) login and says so.
   */
  impersonationDatabase(id: string): Database | undefined {
    return this.live.get(id)?.impersonation;
  }

  isReadOnly(id: string): boolean {
    return this.live.get(id)?.readOnly ?? false;
  }

  async closeAll(): Promise<void> {
    const all = [...this.live.values()].map((l) => l.db?.close().catch(() => undefined));
    await Promise.all(all);
    for (const l of this.live.values()) delete l.db;
  }

  private async dropLive(id: string): Promise<void> {
    const live = this.live.get(id);
    if (live?.impersonation) {
      const pool = live.impersonation;
      delete live.impersonation;
      await pool.close().catch(() => undefined);
    }
    if (live?.db) {
      const db = live.db;
      delete live.db;
      await db.close().catch(() => undefined);
    }
  }

  private async find(id: string): Promise<SavedConnection | undefined> {
    return (await this.options.file.read()).connections.find((c) => c.id === id);
  }

  private async mustFind(id: string): Promise<SavedConnection> {
    const found = await this.find(id);
    if (!found) fail('validation', 'No saved connection with that id.');
    return found;
  }

  /**
   * The stored password, only for `endpoint` (by default the saved one): the ciphertext names
   * the endpoint it was sealed for, so a connection whose host, port, user or database changed
   * since (even by editing the file) gets "enter the password for this endpoint" (ISO-07).
   */
  private async storedPassword(saved: SavedConnection, endpoint: Endpoint = saved): Promise<string | undefined> {
    if (!saved.passwordCipher) return undefined;
    const password = await openPassword(this.options.secrets, saved.passwordCipher, endpoint);
    this.secretsInUse.add(password);
    return password;
  }

  private setState(id: string, state: ConnectionState, reason?: string): void {
    const live = this.live.get(id) ?? { state, readOnly: false, unlocked: false };
    live.state = state;
    if (reason) live.stateReason = reason;
    else delete live.stateReason;
    this.live.set(id, live);
    void this.status(id).then(
      (summary) => this.options.onChanged?.(summary),
      () => undefined,
    );
  }

  private embeddedSummary(): ConnectionSummary {
    const live = this.live.get(EMBEDDED_CONNECTION_ID)!;
    return {
      id: EMBEDDED_CONNECTION_ID,
      name: 'Embedded demo database',
      kind: 'embedded',
      environment: 'development',
      color: environmentColors.development,
      hasPassword: false,
      askPassword: false,
      state: live.state,
      ...(live.stateReason ? { stateReason: live.stateReason } : {}),
      readOnly: false,
    };
  }

  private summarize(saved: SavedConnection): ConnectionSummary {
    const live = this.live.get(saved.id);
    return {
      ...(saved.statementTimeoutMs ? { statementTimeoutMs: saved.statementTimeoutMs } : {}),
      id: saved.id,
      name: saved.name,
      kind: 'postgres',
      environment: saved.environment,
      color: environmentColors[saved.environment],
      host: saved.host,
      port: saved.port,
      user: saved.user,
      database: saved.database,
      sslmode: saved.sslmode,
      hasPassword: Boolean(saved.passwordCipher),
      askPassword: saved.askPassword,
      state: live?.state ?? 'disconnected',
      ...(live?.stateReason ? { stateReason: live.stateReason } : {}),
      readOnly: live ? live.readOnly : saved.environment === 'production',
      ...(live?.loginIsSuperuser !== undefined ? { loginIsSuperuser: live.loginIsSuperuser } : {}),
      ...(saved.impersonationLogin ? { impersonationLogin: saved.impersonationLogin.role } : {}),
    };
  }
}

function toConfig(fields: Omit<SavedConnection, 'id' | 'passwordCipher'>, password: string | undefined): PostgresConfig {
  return {
    host: fields.host,
    port: fields.port,
    user: fields.user,
    database: fields.database,
    sslmode: fields.sslmode,
    ...(fields.statementTimeoutMs ? { statementTimeoutMs: fields.statementTimeoutMs } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}
