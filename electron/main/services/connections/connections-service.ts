import { randomUUID } from 'node:crypto';
import {
  type ConnectionDraft,
  type ConnectionState,
  type ConnectionSummary,
  EMBEDDED_CONNECTION_ID,
  type HelperLoginKind,
  type ServerInfo,
} from '../../../../shared/ipc/contracts/connections';
import type { Database } from '../../db/driver';
import { AppFailure, fail, toAppError } from '../../db/errors';
import { openPostgres, type PostgresConfig } from '../../db/postgres';
import type { SecretStore } from '../../secrets';
import { ConnectionSecrets } from './connection-secrets';
import { embeddedSummary, type LiveConnection as Live, summarize, toConfig } from './connection-summary';
import { resolveDraft } from './draft';
import { askPasswordForEndpoint, sameEndpoint } from './endpoint-secret';
import { describeLogin, helperLoginSpecs, helperLoginsOf } from './helper-logins';
import { HelperLogins } from './helper-pools';
import { openLiveDatabase, type ResilienceOptions } from './open-live';
import { ResilientDatabase } from './resilient-database';
import { readServerInfo } from './server-info';
import type { SavedConnection, SavedConnectionsFile } from './saved-connections';

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
  private readonly secrets: ConnectionSecrets;
  private readonly helpers: HelperLogins;

  constructor(private readonly options: ConnectionsServiceOptions) {
    this.live.set(EMBEDDED_CONNECTION_ID, { state: 'connecting', readOnly: false, unlocked: true, helpers: {} });
    this.secrets = new ConnectionSecrets(options.secrets);
    this.helpers = new HelperLogins({ secrets: this.secrets, tuning: options.resilience ?? {}, onChanged: (id) => this.notify(id) });
  }

  /** Every password currently in memory, so error texts can be scrubbed of them. */
  knownSecrets(): string[] {
    return this.secrets.known();
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
    const password = live.typedPassword ?? (await this.secrets.stored(saved));
    return openPostgres({ ...toConfig(saved, password), max: 1, readOnly: live.readOnly, applicationName });
  }

  async list(): Promise<ConnectionSummary[]> {
    const { connections } = await this.options.file.read();
    return [embeddedSummary(this.live.get(EMBEDDED_CONNECTION_ID)!), ...connections.map((c) => summarize(c, this.live.get(c.id)))];
  }

  async save(draft: ConnectionDraft): Promise<ConnectionSummary> {
    const file = await this.options.file.read();
    const existing = draft.id ? file.connections.find((c) => c.id === draft.id) : undefined;
    if (draft.id && !existing) fail('validation', 'No saved connection with that id.');
    if (draft.id === EMBEDDED_CONNECTION_ID) fail('validation', 'The embedded database cannot be edited.');
    const resolved = resolveDraft(draft, existing);
    const { fields } = resolved;
    const passwordCipher = await this.secrets.cipherForSave(resolved, existing);
    // Helper logins are bound to the endpoint too (ISO-07): kept while it stays the same.
    const helpers = existing && sameEndpoint(fields, existing) ? helperLoginsOf(existing) : {};
    const saved: SavedConnection = { id: existing?.id ?? randomUUID(), ...fields, ...helpers, ...(passwordCipher ? { passwordCipher } : {}) };
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
    return summarize(saved, this.live.get(saved.id));
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
      const stored = password === undefined && existing ? await this.secrets.stored(existing, fields) : undefined;
      config = toConfig(fields, password ?? stored ?? undefined);
    } else if (input.id) {
      const saved = await this.mustFind(input.id);
      config = toConfig(saved, this.live.get(saved.id)?.typedPassword ?? (await this.secrets.stored(saved)));
    } else {
      fail('validation', 'Give a draft or a saved connection id to test.');
    }
    this.secrets.remember(config.password);
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
    const live: Live = { state: 'connecting', readOnly: saved.environment === 'production', unlocked: false, helpers: {} };
    if (typedPassword !== undefined) live.typedPassword = typedPassword;
    live.connecting = new AbortController();
    this.live.set(id, live);
    this.setState(id, 'connecting');
    let password: string | undefined;
    try {
      password = typedPassword ?? (await this.secrets.stored(saved));
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
    this.secrets.remember(password);
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
    if (id === EMBEDDED_CONNECTION_ID) return embeddedSummary(this.live.get(EMBEDDED_CONNECTION_ID)!);
    return summarize(await this.mustFind(id), this.live.get(id));
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
    const password = live.typedPassword ?? (await this.secrets.stored(saved));
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
    for (const helper of Object.values(live.helpers)) count += helper.cancelAll();
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
   * Creates (or recreates) one of the connection's helper logins on the server (ISO-05, ISO-11),
   * keeps its generated password with the connection's secrets, and uses it from now on.
   */
  async createHelperLogin(id: string, kind: HelperLoginKind, role?: string): Promise<ConnectionSummary> {
    if (id === EMBEDDED_CONNECTION_ID) fail('validation', `The embedded database has one session and one login: ${helperLoginSpecs[kind].embeddedRefusal}`);
    const saved = await this.mustFind(id);
    const live = this.live.get(id);
    if (!live?.db) fail('validation', 'Connect first.');
    const updated = await this.helpers.create(saved, live.db, kind, role);
    await this.options.file.update((current) => ({ ...current, connections: current.connections.map((c) => (c.id === id ? { ...c, ...helperLoginsOf(updated) } : c)) }));
    await this.openTrust({ ...saved, ...helperLoginsOf(updated) }, live);
    return this.status(id);
  }

  /** The login facts and the helper logins' own pools (same endpoint, other users). */
  private async openTrust(saved: SavedConnection, live: Live): Promise<void> {
    if (!live.db) return;
    live.loginIsSuperuser = (await describeLogin(live.db).catch(() => ({ superuser: false }))).superuser;
    await this.helpers.open(saved, live);
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
    return this.live.get(id)?.helpers['view-as'];
  }

  /**
   * The pool logged in as the connection's reader login (ISO-11), when one was created: typed SQL
   * on a read-only connection runs there, so `role none` is a login that reads every row and
   * can do nothing else. A reader that cannot log in is returned too: its use says so.
   */
  readerDatabase(id: string): Database | undefined {
    return this.live.get(id)?.helpers.reader;
  }

  isReadOnly(id: string): boolean {
    return this.live.get(id)?.readOnly ?? false;
  }

  async closeAll(): Promise<void> {
    const all = [...this.live.values()].map(async (l) => {
      await this.helpers.close(l);
      await l.db?.close().catch(() => undefined);
    });
    await Promise.all(all);
    for (const l of this.live.values()) delete l.db;
  }

  private async dropLive(id: string): Promise<void> {
    const live = this.live.get(id);
    if (live) await this.helpers.close(live);
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

  private setState(id: string, state: ConnectionState, reason?: string): void {
    const live = this.live.get(id) ?? { state, readOnly: false, unlocked: false, helpers: {} };
    live.state = state;
    if (reason) live.stateReason = reason;
    else delete live.stateReason;
    this.live.set(id, live);
    this.notify(id);
  }

  /** Sends the connection's current summary as a `connections.changed` event. */
  private notify(id: string): void {
    void this.status(id).then(
      (summary) => this.options.onChanged?.(summary),
      () => undefined,
    );
  }
}

