import type { ConnectionDraft } from '../../../../shared/ipc/contracts/connections';
import { fail } from '../../db/errors';
import { parsePostgresUrl, UrlError } from '../../db/url';
import type { SavedConnection } from './saved-connections';

export interface ResolvedDraft {
  fields: Omit<SavedConnection, 'id' | 'passwordCipher'>;
  /** undefined: keep what is stored; null: forget it; string: a new password. */
  password: string | null | undefined;
}

/**
 * A draft from the dialog -> complete connection fields. A URL fills the fields it names; an
 * explicit field wins over the URL. Blank fields are errors, never filled from PG* variables.
 */
export function resolveDraft(draft: ConnectionDraft, existing?: SavedConnection): ResolvedDraft {
  let fromUrl: Partial<ReturnType<typeof parsePostgresUrl>> = {};
  if (draft.url) {
    try {
      fromUrl = parsePostgresUrl(draft.url);
    } catch (err) {
      if (err instanceof UrlError) fail('validation', err.message, { issues: [{ path: [err.field], message: err.message }] });
      throw err;
    }
  }
  const host = draft.host ?? fromUrl.host ?? existing?.host;
  const port = draft.port ?? fromUrl.port ?? existing?.port ?? 5432;
  const user = draft.user ?? fromUrl.user ?? existing?.user;
  const database = draft.database ?? fromUrl.database ?? existing?.database;
  const sslmode = draft.sslmode ?? fromUrl.sslmode ?? existing?.sslmode ?? 'disable';
  const issues = [
    !host && { path: ['host'], message: 'Host is required' },
    !user && { path: ['user'], message: 'User is required' },
    !database && { path: ['database'], message: 'Database is required' },
  ].filter((x): x is { path: string[]; message: string } => Boolean(x));
  if (issues.length > 0 || !host || !user || !database) {
    fail('validation', 'The connection is incomplete.', { issues });
  }
  const statementTimeoutMs = draft.statementTimeoutMs ?? existing?.statementTimeoutMs;
  const password = draft.password !== undefined ? draft.password : fromUrl.password;
  return {
    fields: {
      name: draft.name,
      environment: draft.environment,
      host,
      port,
      user,
      database,
      sslmode,
      askPassword: draft.askPassword ?? existing?.askPassword ?? false,
      ...(statementTimeoutMs ? { statementTimeoutMs } : {}),
    },
    password,
  };
}
