import {
  type ConnectionState,
  type ConnectionSummary,
  EMBEDDED_CONNECTION_ID,
  environmentColors,
  type HelperLoginKind,
  type HelperLoginStatus,
} from '../../../../shared/ipc/contracts/connections';
import type { Database } from '../../db/driver';
import type { PostgresConfig } from '../../db/postgres';
import { helperLoginSpecs } from './helper-logins';
import type { HelperPool } from './helper-pools';
import type { SavedConnection } from './saved-connections';

/** What main holds for a connection while the app runs (nothing of it is saved). */
export interface LiveConnection {
  db?: Database;
  state: ConnectionState;
  stateReason?: string;
  readOnly: boolean;
  /** A password typed for "ask every time"; in memory only, for reconnects. */
  typedPassword?: string;
  unlocked: boolean;
  /** Aborts a connect that is still waiting for the server (cancel while connecting). */
  connecting?: AbortController;
  /** The helper logins' pools (see helper-pools.ts), by kind. */
  helpers: Partial<Record<HelperLoginKind, HelperPool>>;
  /** Read from the server once connected (ISO-03 banner). */
  loginIsSuperuser?: boolean;
}

// Pure: what the renderer may know about a connection, from what is saved and what is live.

export function embeddedSummary(live: Pick<LiveConnection, 'state' | 'stateReason'>): ConnectionSummary {
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

export function summarize(saved: SavedConnection, live: LiveConnection | undefined): ConnectionSummary {
  const helperLogins = helperStatuses(saved, live);
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
    ...(helperLogins.length > 0 ? { helperLogins } : {}),
  };
}

/** Each helper login the connection names, with its pool's state (disconnected when it has none). */
function helperStatuses(saved: SavedConnection, live: LiveConnection | undefined): HelperLoginStatus[] {
  const out: HelperLoginStatus[] = [];
  for (const spec of Object.values(helperLoginSpecs)) {
    const login = saved[spec.savedKey];
    if (!login) continue;
    const pool = live?.db ? live.helpers[spec.kind] : undefined;
    out.push({ kind: spec.kind, role: login.role, state: pool?.state ?? 'disconnected', ...(pool?.reason ? { reason: pool.reason } : {}) });
  }
  return out;
}

export function toConfig(fields: Omit<SavedConnection, 'id' | 'passwordCipher'>, password: string | undefined): PostgresConfig {
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
