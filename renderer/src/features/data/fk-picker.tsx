import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { Modal } from '../../components/modal';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { recordKeys, recordQueries, type TableRef } from '../../queries/records';
import { call } from '../../lib/ipc';

const labelCandidates = ['name', 'title', 'email', 'slug', 'label', 'key', 'code'];

/**
 * Foreign-key picker: searches the referenced table with one `contains` filter on its most
 * readable text column (one indexed-or-not column, never every column cast to text, P5).
 */
export function FkPicker({ tableRef, column, onPick, onClose }: { tableRef: TableRef; column: string; onPick: (value: string) => void; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const meta = useQuery(recordQueries.describe(tableRef));
  const labelColumn = useMemo(() => {
    const names = meta.data?.columns.map((c) => c.name) ?? [];
    return labelCandidates.find((n) => names.includes(n)) ?? column;
  }, [meta.data, column]);
  const rows = useQuery({
    queryKey: [...recordKeys.table(tableRef), 'fk-search', labelColumn, deferred],
    enabled: meta.isSuccess,
    queryFn: () =>
      call('records.page', {
        ...tableRef,
        filters: deferred ? [{ column: labelColumn, op: 'contains', value: deferred }] : [],
        limit: 25,
        cellCap: 120,
      }),
  });
  const col = rows.data?.columns.indexOf(column) ?? -1;
  const lab = rows.data?.columns.indexOf(labelColumn) ?? -1;
  return (
    <Modal title={`Pick ${tableRef.table}.${column}`} testId="data.fk-picker" onClose={onClose}>
      <input
        type="text"
        placeholder={`Search ${labelColumn}…`}
        data-testid="data.fk-picker.search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {rows.isError ? <ErrorView error={toAppError(rows.error)} /> : null}
      <ul className="fk-results">
        {rows.data?.rows.map((row, i) => (
          <li key={rows.data.keys[i]?.join('|') ?? i}>
            <button type="button" className="link-button" data-testid={`data.fk-picker.option.${i}`} onClick={() => onPick(String(row[col] ?? ''))}>
              <span className="mono">{row[col]}</span>
              {lab !== col ? <span className="muted"> {row[lab]}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
