import type { Cell, ColumnMeta } from '../../../../shared/ipc/contracts/records';

// One input per column kind. Every value stays the exact text PostgreSQL prints (a numeric(40,20)
// never passes through a JS number), and NULL, empty text and "use the default" are distinct.

export type FieldMode = 'value' | 'null' | 'default';

export interface FieldState {
  mode: FieldMode;
  text: string;
}

export function fieldValue(state: FieldState): Cell | undefined {
  if (state.mode === 'default') return undefined;
  return state.mode === 'null' ? null : state.text;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "now" as a `timestamp` literal in local wall time, with microseconds as zeros. */
export function nowText(kind: 'datetime' | 'date'): string {
  const d = new Date();
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (kind === 'date') return date;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}000`;
}

interface InputProps {
  column: ColumnMeta;
  state: FieldState;
  onChange: (state: FieldState) => void;
  testId: string;
  invalid: boolean;
  onPick?: () => void;
}

/** The control for one column; the surrounding row adds the label, NULL / default switches and the error. */
export function FieldInput({ column, state, onChange, testId, invalid, onPick }: InputProps) {
  const disabled = state.mode !== 'value' || column.readOnly;
  const set = (text: string) => onChange({ mode: 'value', text });
  const common = { 'data-testid': testId, 'aria-invalid': invalid ? ('true' as const) : undefined, disabled };
  switch (column.kind) {
    case 'boolean':
      return (
        <label className="switch">
          <input type="checkbox" {...common} checked={state.text === 'true' || state.text === 't'} onChange={(e) => set(e.target.checked ? 'true' : 'false')} />
          <span>{state.mode === 'value' ? (state.text === 'true' || state.text === 't' ? 'true' : 'false') : ''}</span>
        </label>
      );
    case 'enum':
      return (
        <select {...common} value={state.text} onChange={(e) => set(e.target.value)}>
          {state.text === '' ? <option value="">—</option> : null}
          {(column.enumValues ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      );
    case 'json':
      return (
        <div className="json-field">
          <textarea {...common} className="mono" rows={Math.min(12, Math.max(3, state.text.split('\n').length))} value={state.text} onChange={(e) => set(e.target.value)} spellCheck={false} />
          <button
            type="button"
            className="small"
            disabled={disabled}
            onClick={() => {
              try {
                // Pretty-printing through JSON.parse would round big numbers: only offered when lossless.
                const parsed: unknown = JSON.parse(state.text);
                const pretty = JSON.stringify(parsed, null, 2);
                if (JSON.stringify(parsed) === JSON.stringify(JSON.parse(pretty)) && !/\d{16,}/.test(state.text)) set(pretty);
              } catch {
                /* invalid JSON: the field error already says so */
              }
            }}
          >
            Format
          </button>
        </div>
      );
    case 'datetime':
    case 'date':
      return (
        <div className="inline-field">
          <input type="text" className="mono" {...common} value={state.text} placeholder={column.kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:MM:SS.ffffff'} onChange={(e) => set(e.target.value)} />
          <button type="button" className="small" disabled={column.readOnly} onClick={() => set(nowText(column.kind === 'date' ? 'date' : 'datetime'))}>
            Now
          </button>
        </div>
      );
    case 'uuid':
      return (
        <div className="inline-field">
          <input type="text" className="mono" {...common} value={state.text} onChange={(e) => set(e.target.value)} />
          <button type="button" className="small" disabled={column.readOnly} onClick={() => set(crypto.randomUUID())}>
            New
          </button>
        </div>
      );
    case 'number':
      return <input type="text" inputMode="decimal" className="mono" {...common} value={state.text} onChange={(e) => set(e.target.value)} />;
    default:
      return (
        <div className="inline-field">
          {state.text.length > 80 || state.text.includes('\n') ? (
            <textarea {...common} rows={4} value={state.text} onChange={(e) => set(e.target.value)} />
          ) : (
            <input type="text" {...common} value={state.text} onChange={(e) => set(e.target.value)} />
          )}
          {onPick ? (
            <button type="button" className="small" data-testid={`${testId}.pick`} disabled={column.readOnly} onClick={onPick}>
              Pick…
            </button>
          ) : null}
        </div>
      );
  }
}
