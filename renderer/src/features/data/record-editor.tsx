import { useMemo, useState } from 'react';
import type { Cell, TableMeta } from '../../../../shared/ipc/contracts/records';
import { type ColumnValue, validateValues } from '../../../../shared/records/zod-check';
import { formatBytes } from '../../../../shared/records/text';
import { Modal } from '../../components/modal';
import { call, toAppError } from '../../lib/ipc';
import { ErrorView } from '../../components/error-view';
import type { AppError } from '../../../../shared/ipc/errors';
import type { TableRef } from '../../queries/records';
import { FieldInput, type FieldState, fieldValue } from './editor-fields';
import { FkPicker } from './fk-picker';

export interface EditorRow {
  key: string[];
  xmin: string;
  cells: Record<string, Cell>;
  /** Columns whose cell in the grid is capped: column -> full size in bytes. */
  truncated: Record<string, number>;
}

interface Props {
  tableRef: TableRef;
  meta: TableMeta;
  /** Undefined for a new row. */
  row?: EditorRow;
  onStage: (values: Record<string, Cell>, original: Record<string, Cell>) => void;
  onClose: () => void;
}

function initialState(meta: TableMeta, row: EditorRow | undefined): Record<string, FieldState> {
  const out: Record<string, FieldState> = {};
  for (const c of meta.columns) {
    if (row) {
      const cell = row.cells[c.name] ?? null;
      out[c.name] = cell === null ? { mode: 'null', text: '' } : { mode: 'value', text: cell };
    } else {
      out[c.name] = c.hasDefault || c.appDefault || c.readOnly ? { mode: 'default', text: '' } : c.nullable ? { mode: 'null', text: '' } : { mode: 'value', text: '' };
    }
  }
  return out;
}

/**
 * A form generated from the table's columns and validated with the same drizzle-zod schema main
 * re-validates with (`shared/records/zod-check.ts`): nothing is staged while a field is invalid.
 */
export function RecordEditor({ tableRef, meta, row, onStage, onClose }: Props) {
  const [fields, setFields] = useState(() => initialState(meta, row));
  const [capped, setCapped] = useState<Record<string, number>>(() => ({ ...(row?.truncated ?? {}) }));
  const [attempted, setAttempted] = useState(false);
  const [picking, setPicking] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const mode = row ? 'update' : 'insert';

  const changed = useMemo((): ColumnValue[] => {
    const out: ColumnValue[] = [];
    for (const c of meta.columns) {
      const value = fieldValue(fields[c.name]!);
      if (value === undefined || c.readOnly) continue;
      if (row && (row.cells[c.name] ?? null) === value) continue;
      out.push({ column: c.name, value });
    }
    return out;
  }, [fields, meta.columns, row]);

  const issues = useMemo(() => validateValues(meta.schema, meta.table, mode, changed), [changed, meta.schema, meta.table, mode]);
  const errors = useMemo(() => {
    const map: Record<string, string> = {};
    for (const issue of issues) {
      const column = String(issue.path[0] ?? '');
      map[column] ??= issue.message;
    }
    return map;
  }, [issues]);

  const loadFull = async (column: string) => {
    if (!row) return;
    try {
      const full = await call('records.value', { ...tableRef, key: row.key, column, offset: 0, length: 16_000_000 });
      if (full.chars > 16_000_000) throw new Error('This value is too large to edit here.');
      setFields((f) => ({ ...f, [column]: full.value === null ? { mode: 'null', text: '' } : { mode: 'value', text: full.value } }));
      setCapped((c) => {
        const next = { ...c };
        delete next[column];
        return next;
      });
    } catch (err) {
      setLoadError(toAppError(err));
    }
  };

  const save = () => {
    setAttempted(true);
    if (issues.length > 0 || Object.keys(capped).some((c) => changed.some((v) => v.column === c))) return;
    if (row && changed.length === 0) {
      onClose();
      return;
    }
    const values = Object.fromEntries(changed.map((v) => [v.column, v.value]));
    const original = row ? Object.fromEntries(changed.map((v) => [v.column, row.cells[v.column] ?? null])) : {};
    onStage(values, original);
    onClose();
  };

  const pickColumn = picking ? meta.columns.find((c) => c.name === picking) : undefined;

  return (
    <Modal
      title={row ? `Edit ${meta.table} row` : `New ${meta.table} row`}
      testId="data.editor"
      width="wide"
      onClose={onClose}
      footer={
        <>
          <span className="muted editor-note">
            {meta.zod ? 'Validated with the drizzle-zod schema before anything is sent.' : 'No Zod schema for this table: PostgreSQL validates.'}
          </span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="data.editor.save" onClick={save}>
            Stage {row ? 'changes' : 'insert'}
          </button>
        </>
      }
    >
      {loadError ? <ErrorView error={loadError} testId="data.editor.load-error" /> : null}
      {attempted && issues.length > 0 ? (
        <div className="editor-summary" role="alert" data-testid="data.editor.invalid">
          Zod validation refused {issues.length === 1 ? 'one field' : `${issues.length} fields`}; nothing was staged.
        </div>
      ) : null}
      <div className="editor-grid">
        {meta.columns.map((c) => {
          const state = fields[c.name]!;
          const error = attempted ? errors[c.name] : undefined;
          const isCapped = capped[c.name] !== undefined;
          return (
            <div key={c.name} className={`editor-row${error ? ' editor-row-invalid' : ''}`} data-testid={`data.editor.row.${c.name}`}>
              <div className="editor-label">
                <span className="editor-name">{c.name}</span>
                <span className="editor-type mono">
                  {c.type}
                  {c.primaryKey ? ' · PK' : ''}
                  {c.references ? ` → ${c.references.table}.${c.references.column}` : ''}
                  {c.readOnly ? ' · generated' : ''}
                </span>
              </div>
              <div className="editor-control">
                {isCapped ? (
                  <button type="button" className="small" data-testid={`data.editor.load.${c.name}`} onClick={() => void loadFull(c.name)}>
                    Capped ({formatBytes(capped[c.name]!)}) — load the full value to edit
                  </button>
                ) : (
                  <FieldInput
                    column={c}
                    state={state}
                    invalid={Boolean(error)}
                    testId={`data.editor.field.${c.name}`}
                    onChange={(next) => setFields((f) => ({ ...f, [c.name]: next }))}
                    {...(c.references ? { onPick: () => setPicking(c.name) } : {})}
                  />
                )}
                {error ? (
                  <span className="field-error" data-testid={`data.editor.error.${c.name}`}>
                    {error}
                  </span>
                ) : null}
              </div>
              <div className="editor-modes">
                {c.nullable && !c.readOnly ? (
                  <label className="check" title="Store SQL NULL (not an empty string)">
                    <input
                      type="checkbox"
                      data-testid={`data.editor.null.${c.name}`}
                      checked={state.mode === 'null'}
                      onChange={(e) => setFields((f) => ({ ...f, [c.name]: { mode: e.target.checked ? 'null' : 'value', text: state.text } }))}
                    />
                    NULL
                  </label>
                ) : null}
                {!row && (c.hasDefault || c.appDefault) ? (
                  <label className="check" title="Leave out of the INSERT: the database or drizzle $defaultFn supplies it">
                    <input
                      type="checkbox"
                      data-testid={`data.editor.default.${c.name}`}
                      checked={state.mode === 'default'}
                      onChange={(e) => setFields((f) => ({ ...f, [c.name]: { mode: e.target.checked ? 'default' : 'value', text: state.text } }))}
                    />
                    default
                  </label>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      {pickColumn?.references ? (
        <FkPicker
          tableRef={{
            connectionId: tableRef.connectionId,
            schema: pickColumn.references.schema,
            table: pickColumn.references.table,
            // Under View as, the picker lists only rows the identity can see (same path as the grid).
            ...(tableRef.as ? { as: tableRef.as } : {}),
          }}
          column={pickColumn.references.column}
          onPick={(value) => {
            setFields((f) => ({ ...f, [pickColumn.name]: { mode: 'value', text: value } }));
            setPicking(null);
          }}
          onClose={() => setPicking(null)}
        />
      ) : null}
    </Modal>
  );
}
