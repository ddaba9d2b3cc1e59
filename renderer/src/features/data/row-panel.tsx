import { useQuery } from '@tanstack/react-query';
import type { Cell, TableMeta } from '../../../../shared/ipc/contracts/records';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { recordQueries, type TableRef } from '../../queries/records';
import { WhyButton } from '../explain/why-button';

export interface OpenTarget {
  schema: string;
  table: string;
  filters: { column: string; value: string }[];
}

interface Props {
  tableRef: TableRef;
  meta: TableMeta;
  row: { key: string[]; cells: Cell[] };
  onOpen: (target: OpenTarget) => void;
  onEdit: () => void;
  onDelete: () => void;
  readOnly: boolean;
}

/** The selected row: its values and, per foreign key pointing at it, the rows that reference it. */
export function RowPanel({ tableRef, meta, row, onOpen, onEdit, onDelete, readOnly }: Props) {
  const refs = useQuery({ ...recordQueries.references(tableRef, row.key), enabled: meta.primaryKey.length > 0 });
  return (
    <aside className="row-panel" data-testid="data.row-panel">
      <header className="row-panel-head">
        <h3>Row {row.key.join(', ')}</h3>
        <div className="actions">
          {tableRef.as ? (
            <WhyButton connectionId={tableRef.connectionId} as={tableRef.as} schema={meta.schema} table={meta.table} command="select" rowKey={row.key} testId="data.row.why" />
          ) : null}
          <button type="button" className="small" data-testid="data.row.edit" disabled={readOnly} onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="small danger" data-testid="data.row.delete" disabled={readOnly} onClick={onDelete}>
            Delete
          </button>
        </div>
      </header>
      <dl className="row-values">
        {meta.columns.map((c, i) => (
          <div key={c.name}>
            <dt>{c.name}</dt>
            <dd className="mono">{row.cells[i] === null ? <span className="cell-null">NULL</span> : row.cells[i]}</dd>
          </div>
        ))}
      </dl>
      {meta.referencedBy.length ? <h3>Referenced by</h3> : null}
      {refs.isError ? <ErrorView error={toAppError(refs.error)} /> : null}
      <ul className="ref-list" data-testid="data.row-panel.references">
        {refs.data?.references.map((r) => (
          <li key={r.constraint}>
            <button
              type="button"
              className="link-button"
              disabled={r.count === 0}
              data-testid={`data.ref.${r.table}.${r.columns.join('.')}`}
              onClick={() =>
                onOpen({
                  schema: r.schema,
                  table: r.table,
                  filters: r.columns.map((column, i) => ({ column, value: String(r.values[i] ?? '') })),
                })
              }
            >
              {r.table}.{r.columns.join(', ')}
            </button>{' '}
            <span className="muted">
              {r.count}
              {r.capped ? '+' : ''} row{r.count === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
