import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call, onEvent, toAppError } from '../../lib/ipc';
import type { TableRef, ViewState } from '../../queries/records';

/** CSV / JSON export of the current view: main writes the file in keyset batches and reports progress. */
export function ExportButtons({ tableRef, view }: { tableRef: TableRef; view: ViewState }) {
  const [progress, setProgress] = useState<number | null>(null);
  // ISO-08: off by default, so cells such as `=HYPERLINK(…)` open as text in a spreadsheet.
  const [rawValues, setRawValues] = useState(false);
  const exporting = useMutation({
    mutationFn: (format: 'csv' | 'json') =>
      call('records.export', { ...tableRef, ...(view.sort ? { sort: view.sort } : {}), filters: view.filters, format, rawValues }),
    onSettled: () => setProgress(null),
  });
  useEffect(() => {
    if (!exporting.isPending) return;
    return onEvent('progress.reported', (p) => {
      if (p.operation === 'records.export' && p.connectionId === tableRef.connectionId) setProgress(p.done);
    });
  }, [exporting.isPending, tableRef.connectionId]);
  return (
    <span className="export">
      <button type="button" className="small" data-testid="data.export.csv" disabled={exporting.isPending} onClick={() => exporting.mutate('csv')}>
        CSV
      </button>
      <label
        className="check small"
        title="Off: cells starting with =, +, -, @, tab or CR get a leading ' so a spreadsheet shows them as text instead of running them."
      >
        <input type="checkbox" checked={rawValues} data-testid="data.export.raw" onChange={(event) => setRawValues(event.target.checked)} />
        raw CSV cells
      </label>
      <button type="button" className="small" data-testid="data.export.json" disabled={exporting.isPending} onClick={() => exporting.mutate('json')}>
        JSON
      </button>
      {exporting.isPending ? <span className="muted">{progress === null ? 'Exporting…' : `${progress.toLocaleString()} rows…`}</span> : null}
      {exporting.data ? (
        <span className="muted" data-testid="data.export.done" title={exporting.data.path}>
          {exporting.data.rows.toLocaleString()} rows → {exporting.data.path.split(/[\\/]/).pop()}
        </span>
      ) : null}
      {exporting.error ? <span className="field-error">{toAppError(exporting.error).message}</span> : null}
    </span>
  );
}
