import {
  type ConnectionDraft,
  ConnectionDraftSchema,
  type ConnectionSummary,
  type Environment,
  type SslMode,
} from '../../../../shared/ipc/contracts/connections';
import type { FieldIssue } from '../../../../shared/ipc/errors';

/** What the form edits: strings as typed, turned into a draft only when sent. */
export interface ConnectionFormValues {
  id?: string;
  name: string;
  environment: Environment;
  mode: 'url' | 'fields';
  url: string;
  host: string;
  port: string;
  user: string;
  database: string;
  sslmode: SslMode;
  /** Typed by the user; empty means "keep the stored one" for a saved connection. */
  password: string;
  forgetPassword: boolean;
  askPassword: boolean;
}

export type FieldErrors = Partial<Record<keyof ConnectionFormValues | 'form', string>>;

export function emptyFormValues(askPassword: boolean): ConnectionFormValues {
  return {
    name: '',
    environment: 'development',
    mode: 'fields',
    url: '',
    host: '127.0.0.1',
    port: '5432',
    user: 'postgres',
    database: 'postgres',
    sslmode: 'disable',
    password: '',
    forgetPassword: false,
    askPassword,
  };
}

export function formValuesFrom(summary: ConnectionSummary): ConnectionFormValues {
  return {
    id: summary.id,
    name: summary.name,
    environment: summary.environment,
    mode: 'fields',
    url: '',
    host: summary.host ?? '',
    port: summary.port === undefined ? '' : String(summary.port),
    user: summary.user ?? '',
    database: summary.database ?? '',
    sslmode: summary.sslmode ?? 'disable',
    password: '',
    forgetPassword: false,
    askPassword: summary.askPassword,
  };
}

/**
 * The draft main receives. In fields mode the text fields are sent even when empty, so the
 * contract's own messages ("Host is required") apply instead of a vague "URL or host" error.
 */
export function toDraft(values: ConnectionFormValues, purpose: 'save' | 'test' = 'save'): ConnectionDraft {
  const typed = values.password === '' ? undefined : values.password;
  // "Ask every time" keeps nothing: saving forgets a stored password, but a test may still use
  // the one typed for it.
  const password =
    purpose === 'test' ? typed : values.askPassword || values.forgetPassword ? (values.id ? null : undefined) : typed;
  const common = {
    ...(values.id ? { id: values.id } : {}),
    name: values.name,
    environment: values.environment,
    askPassword: values.askPassword,
    ...(password === undefined ? {} : { password }),
  };
  if (values.mode === 'url') return { ...common, url: values.url };
  const port = values.port.trim();
  return {
    ...common,
    host: values.host,
    // Not a number at all: NaN fails the schema's integer check and reports on `port`.
    port: port === '' ? undefined : /^\d+$/.test(port) ? Number(port) : Number.NaN,
    user: values.user,
    database: values.database,
    sslmode: values.sslmode,
  };
}

/** The field a contract issue belongs to; `connections.test` nests the draft under `draft`. */
function fieldOf(path: readonly (string | number)[]): keyof ConnectionFormValues | 'form' {
  const parts = path[0] === 'draft' ? path.slice(1) : path;
  const head = parts[0];
  const known: readonly string[] = ['name', 'environment', 'url', 'host', 'port', 'user', 'database', 'sslmode', 'password', 'askPassword'];
  return typeof head === 'string' && known.includes(head) ? (head as keyof ConnectionFormValues) : 'form';
}

/** Issues (from Zod here or from main's `validation` error) as one message per field. */
export function issuesToFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= issue.message;
  }
  return errors;
}

const urlParts = ['host', 'port', 'user', 'database', 'sslmode'] as const;

/** In URL mode the separate fields are hidden: their errors belong to the URL input. */
export function placeErrors(errors: FieldErrors, mode: ConnectionFormValues['mode']): FieldErrors {
  if (mode !== 'url') return errors;
  const placed: FieldErrors = { ...errors };
  for (const part of urlParts) {
    if (placed[part]) placed.url ??= placed[part];
    delete placed[part];
  }
  return placed;
}

const portMessage = 'Port must be 1–65535';

/** Validates with the SAME schema main re-validates with; returns field errors or the draft. */
export function validateForm(
  values: ConnectionFormValues,
  purpose: 'save' | 'test' = 'save',
): { draft: ConnectionDraft; errors: FieldErrors } {
  const draft = toDraft(values, purpose);
  const parsed = ConnectionDraftSchema.safeParse(draft);
  const errors = parsed.success
    ? {}
    : issuesToFieldErrors(parsed.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })));
  // Zod's "expected number, received NaN" says nothing to a person typing a port.
  if (errors.port && Number.isNaN(draft.port)) errors.port = portMessage;
  if (values.mode === 'url' && values.url.trim() === '') errors.url ??= 'URL is required';
  return { draft, errors: placeErrors(errors, values.mode) };
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
