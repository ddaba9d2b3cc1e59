import { type CSSProperties, useState } from 'react';
import type { SecureStorageState } from '../../../../shared/ipc/contracts/app';
import {
  type ConnectionSummary,
  type Environment,
  environmentColors,
  type SslMode,
} from '../../../../shared/ipc/contracts/connections';
import type { AppError } from '../../../../shared/ipc/errors';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { isIpcError, toAppError } from '../../lib/ipc';
import {
  type ConnectionFormValues,
  type FieldErrors,
  hasErrors,
  issuesToFieldErrors,
  placeErrors,
  validateForm,
} from './draft';
import { useConnectionActions } from './use-connection-actions';

const id = (field: string) => `connections.dialog.${field}`;
const environments: Environment[] = ['development', 'staging', 'production'];
const sslModes: { value: SslMode; label: string }[] = [
  { value: 'disable', label: 'disable — no TLS' },
  { value: 'require', label: 'require — encrypted, certificate not verified' },
  { value: 'verify-full', label: 'verify-full — encrypted, CA and host name verified' },
];

interface ConnectionFormProps {
  initial: ConnectionFormValues;
  saved: ConnectionSummary | undefined;
  secureStorage: SecureStorageState | undefined;
  onSaved: (summary: ConnectionSummary) => void;
}

type TestOutcome = { ok: true; text: string } | { ok: false; error: AppError } | null;

/** Add or edit one connection; validated here with the contract's schema, then again by main. */
export function ConnectionForm({ initial, saved, secureStorage, onSaved }: ConnectionFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<TestOutcome>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const { save, test } = useConnectionActions();
  const storageWeak = secureStorage !== undefined && secureStorage !== 'available';
  // ISO-07: a stored password belongs to the host, port, user and database it was saved with.
  // Main enforces it; the form only says so before the user presses Test or Save.
  const keepsStored = Boolean(saved?.hasPassword) && !movedEndpoint(values, saved);

  const set = <K extends keyof ConnectionFormValues>(key: K, value: ConnectionFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined, form: undefined }));
  };

  // Main's `validation` errors carry field paths: show them on the fields, like local ones.
  const showFailure = (error: unknown, into: (appError: AppError) => void) => {
    if (isIpcError(error) && error.kind === 'validation' && error.issues.length > 0) {
      setErrors(placeErrors(issuesToFieldErrors(error.issues), values.mode));
    }
    into(toAppError(error));
  };

  const runTest = () => {
    const { draft, errors: found } = validateForm(values, 'test');
    setErrors(found);
    setOutcome(null);
    if (hasErrors(found)) return;
    test.mutate(
      { draft },
      {
        onSuccess: (info) =>
          setOutcome({ ok: true, text: `${info.serverVersion} · ${info.currentUser}@${info.database} · ${Math.round(info.latencyMs)} ms` }),
        onError: (error) => showFailure(error, (appError) => setOutcome({ ok: false, error: appError })),
      },
    );
  };

  const runSave = () => {
    const { draft, errors: found } = validateForm(values, 'save');
    setErrors(found);
    setSaveError(null);
    if (hasErrors(found)) return;
    save.mutate(draft, {
      onSuccess: (summary) => {
        setValues((current) => ({ ...current, id: summary.id, password: '', forgetPassword: false }));
        onSaved(summary);
      },
      onError: (error) => showFailure(error, setSaveError),
    });
  };

  const text = (field: 'name' | 'url' | 'host' | 'port' | 'user' | 'database', props: { placeholder?: string; mono?: boolean } = {}) => (
    <input
      type="text"
      className={props.mono ? 'mono' : undefined}
      value={values[field]}
      placeholder={props.placeholder}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={Boolean(errors[field])}
      data-testid={id(field)}
      onChange={(event) => set(field, event.target.value)}
    />
  );

  return (
    <form
      className="connection-form"
      data-testid={id('form')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        runSave();
      }}
    >
      <Field label="Name" error={errors.name} errorTestId={id('error.name')}>
        {text('name', { placeholder: 'e.g. Billing replica' })}
      </Field>

      <fieldset className="field environment-picker">
        <legend className="field-label">Environment</legend>
        <div className="segmented" role="radiogroup">
          {environments.map((environment) => (
            <label
              key={environment}
              className={`segment${values.environment === environment ? ' selected' : ''}`}
              style={{ '--chip': environmentColors[environment] } as CSSProperties}
              // On the label: the radio itself is visually hidden behind it.
              data-testid={id(`environment.${environment}`)}
            >
              <input
                type="radio"
                name="environment"
                value={environment}
                checked={values.environment === environment}
                onChange={() => set('environment', environment)}
              />
              <span className="segment-dot" aria-hidden="true" />
              {environment}
            </label>
          ))}
        </div>
        {values.environment === 'production' ? (
          <span className="field-note">Opens read-only; writes need a typed confirmation.</span>
        ) : null}
      </fieldset>

      <div className="tabs" role="tablist">
        {(['fields', 'url'] as const).map((mode) => (
          <button
            type="button"
            role="tab"
            key={mode}
            aria-selected={values.mode === mode}
            className={`tab${values.mode === mode ? ' selected' : ''}`}
            data-testid={id(`mode.${mode}`)}
            onClick={() => set('mode', mode)}
          >
            {mode === 'fields' ? 'Fields' : 'URL'}
          </button>
        ))}
      </div>

      {values.mode === 'url' ? (
        <Field label="Connection URL" error={errors.url} errorTestId={id('error.url')}>
          {text('url', { placeholder: 'postgres://user@host:5432/database?sslmode=verify-full', mono: true })}
        </Field>
      ) : (
        <div className="field-grid">
          <Field label="Host" error={errors.host} errorTestId={id('error.host')} className="span-3">
            {text('host', { mono: true })}
          </Field>
          <Field label="Port" error={errors.port} errorTestId={id('error.port')}>
            {text('port', { mono: true })}
          </Field>
          <Field label="User" error={errors.user} errorTestId={id('error.user')} className="span-2">
            {text('user', { mono: true })}
          </Field>
          <Field label="Database" error={errors.database} errorTestId={id('error.database')} className="span-2">
            {text('database', { mono: true })}
          </Field>
          <Field label="TLS (sslmode)" error={errors.sslmode} errorTestId={id('error.sslmode')} className="span-4">
            <select value={values.sslmode} data-testid={id('sslmode')} onChange={(event) => set('sslmode', event.target.value as SslMode)}>
              {sslModes.map((mode) => (
                <option key={mode.value} value={mode.value}>
                  {mode.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}

      <Field label="Password" error={errors.password} errorTestId={id('error.password')}>
        <input
          type="password"
          value={values.password}
          autoComplete="new-password"
          placeholder={keepsStored ? 'stored — leave empty to keep it' : saved?.hasPassword ? 'enter the password for this endpoint' : ''}
          data-testid={id('password')}
          onChange={(event) => set('password', event.target.value)}
        />
      </Field>
      <div className="checks">
        <label className="check">
          <input
            type="checkbox"
            checked={values.askPassword}
            disabled={secureStorage === 'unavailable'}
            data-testid={id('ask-password')}
            onChange={(event) => set('askPassword', event.target.checked)}
          />
          Ask for the password every time
        </label>
        {keepsStored && !values.askPassword ? (
          <label className="check">
            <input
              type="checkbox"
              checked={values.forgetPassword}
              data-testid={id('forget-password')}
              onChange={(event) => set('forgetPassword', event.target.checked)}
            />
            Forget the stored password
          </label>
        ) : null}
      </div>
      {storageWeak ? (
        <p className="notice" data-testid={id('storage-warning')}>
          {secureStorage === 'basic_text'
            ? 'This system stores passwords with a built-in key (basic_text), which protects nothing: use "ask every time".'
            : 'Secure storage is unavailable here: passwords are never stored, Warden asks every time.'}
        </p>
      ) : null}

      {errors.form ? <p className="field-error">{errors.form}</p> : null}
      {outcome?.ok ? (
        <p className="test-ok" data-testid={id('test-result')}>
          Connected: <span className="mono">{outcome.text}</span>
        </p>
      ) : null}
      {outcome && !outcome.ok ? <ErrorView error={outcome.error} testId={id('test-error')} /> : null}
      {saveError ? <ErrorView error={saveError} testId={id('save-error')} /> : null}

      <div className="form-actions">
        <button type="button" disabled={test.isPending} data-testid={id('test')} onClick={runTest}>
          {test.isPending ? 'Testing…' : 'Test'}
        </button>
        <button type="submit" className="primary" disabled={save.isPending} data-testid={id('save')}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** True when the form names another endpoint than the saved one (a URL is judged by main). */
function movedEndpoint(values: ConnectionFormValues, saved: ConnectionSummary | undefined): boolean {
  if (!saved) return false;
  if (values.mode === 'url') return values.url.trim() !== '';
  return (
    values.host.trim().toLowerCase() !== (saved.host ?? '').toLowerCase() ||
    values.port.trim() !== String(saved.port ?? '') ||
    values.user !== (saved.user ?? '') ||
    values.database !== (saved.database ?? '')
  );
}
