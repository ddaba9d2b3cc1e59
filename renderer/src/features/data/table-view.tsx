import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { VisibilityState } from '@tanstack/react-table';
import { useCallback, useMemo, useReducer, useState } from 'react';
import type { TableMeta } from '../../../../shared/ipc/contracts/records';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { useUnsavedWork } from '../../lib/unsaved-work';
import { recordKeys, recordQueries, type TableRef, type ViewState } from '../../queries/records';
import { usePublishPageReceipt } from '../impersonate/page-receipt-store';
import { ChangesDialog } from './changes-dialog';
import { ExportButtons } from './export-buttons';
import { FilterBar } from './filter-bar';
import { Grid, type GridRow } from './grid';
import { type EditorRow, RecordEditor } from './record-editor';
import { type OpenTarget, RowPanel } from './row-panel';
import { emptyStage, keyId, stageReducer, stagedCount, toChanges } from './staged';
import { ValueViewer } from './value-viewer';
import { WhyButton } from '../explain/why-button';

interface Props {
  tableRef: TableRef;
  meta: TableMeta;
  initialView: ViewState;
  onOpen: (target: OpenTarget) => void;
  connectionReadOnly: boolean;
}

export function TableView({ tableRef, meta, initialView, onOpen, connectionReadOnly }: Props) {
  const queryClient = useQueryClient();
  const [view, setViewState] = useState<ViewState>(initialView);
  const [seek, setSeek] = useState<string[] | undefined>(undefined);
  const [goTo, setGoTo] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditorRow | 'new' | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [viewing, setViewing] = useState<{ key: string[]; column: string } | null>(null);
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [columnsOpen, setColumnsOpen] = useState(false);
  const [countRequested, setCountRequested] = useState(false);
  const [stage, dispatch] = useReducer(stageReducer, emptyStage);
  const readOnly = Boolean(meta.readOnlyReason) || connectionReadOnly;

  // New filters need a new exact count, and only if the user asks again; a new sort keeps the
  // count it has (P3: never recount on sort).
  const setView = (update: (v: ViewState) => ViewState) => {
    const next = update(view);
    if (next.filters !== view.filters) setCountRequested(false);
    setViewState(next);
  };

  const pages = useInfiniteQuery(recordQueries.pages(tableRef, view, seek));
  const count = useQuery({ ...recordQueries.count(tableRef, view), enabled: countRequested });

  const rows = useMemo<GridRow[]>(() => {
    const out: GridRow[] = [];
    for (const page of pages.data?.pages ?? []) {
      const truncated = new Map<number, Map<number, number>>();
      for (const [r, c, size] of page.truncated) {
        if (!truncated.has(r)) truncated.set(r, new Map());
        truncated.get(r)!.set(c, size);
      }
      // Cells follow the table's description; a page read with an older catalog is mapped by name.
      const same = page.columns.length === meta.columns.length && page.columns.every((c, i) => c === meta.columns[i]!.name);
      const from = same ? null : meta.columns.map((c) => page.columns.indexOf(c.name));
      page.rows.forEach((cells, r) => {
        const mapped = from ? from.map((i) => (i === -1 ? null : (cells[i] ?? null))) : cells;
        const sizes = truncated.get(r) ?? new Map<number, number>();
        const mappedSizes = from ? new Map([...sizes].map(([c, size]) => [from.indexOf(c), size] as [number, number]).filter(([c]) => c !== -1)) : sizes;
        out.push({ index: out.length, key: page.keys[r]!, xmin: page.xmins[r]!, cells: mapped, truncated: mappedSizes });
      });
    }
    return out;
  }, [pages.data, meta.columns]);

  const estimate = pages.data?.pages[0]?.estimate;
  // The identity banner shows the receipt the latest page was read with (same rlsDb transaction).
  usePublishPageReceipt(tableRef, pages.data?.pages.at(-1)?.receipt);
  const selectedRow = rows.find((r) => keyId(r.key) === selected);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const onFollow = useCallback(
    (column: string, value: string) => {
      const target = meta.columns.find((c) => c.name === column)?.references;
      if (target) onOpen({ schema: target.schema, table: target.table, filters: [{ column: target.column, value }] });
    },
    [meta.columns, onOpen],
  );
  const onLoadValue = useCallback((row: GridRow, column: string) => setViewing({ key: row.key, column }), []);

  const toEditorRow = (row: GridRow): EditorRow => {
    const staged = stage.updates[keyId(row.key)];
    const cells = Object.fromEntries(meta.columns.map((c, i) => [c.name, row.cells[i] ?? null]));
    const truncated = Object.fromEntries([...row.truncated].map(([i, size]) => [meta.columns[i]!.name, size]));
    // The editor starts from the staged values so a second edit continues the first.
    return { key: row.key, xmin: row.xmin, cells: staged ? { ...cells, ...staged.values } : cells, truncated };
  };

  const staged = stagedCount(stage);
  // Browser mode asks before a tab with staged edits closes (lib/web-bridge.ts).
  useUnsavedWork(staged);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: recordKeys.table(tableRef) });

  return (
    <div className="table-view" data-testid={`data.view.${meta.table}`}>
      <div className="toolbar">
        <h2 className="table-title">
          {meta.schema !== 'public' ? `${meta.schema}.` : ''}
          {meta.table}
        </h2>
        <span className="muted" data-testid="data.count">
          {count.data
            ? `${Number(count.data.count).toLocaleString()} rows (exact)`
            : estimate !== undefined && estimate !== null
              ? `~${estimate.toLocaleString()} rows (planner estimate)`
              : ''}
        </span>
        <button type="button" className="small" data-testid="data.count.exact" disabled={count.isFetching} onClick={() => (count.isFetching ? undefined : setCountRequested(true))}>
          {count.isFetching ? 'Counting…' : 'Count exactly'}
        </button>
        {count.isFetching ? (
          <button type="button" className="small" onClick={() => void queryClient.cancelQueries({ queryKey: recordKeys.count(tableRef, view) })}>
            Cancel
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <form
          className="goto"
          onSubmit={(e) => {
            e.preventDefault();
            const key = goTo.trim();
            setView((v) => ({ ...v, sort: undefined }));
            setSeek(key ? key.split(',').map((k) => k.trim()) : undefined);
          }}
        >
          <input type="text" placeholder={`Go to ${meta.primaryKey.join(', ') || 'key'}`} value={goTo} data-testid="data.goto" onChange={(e) => setGoTo(e.target.value)} />
        </form>
        <div className="columns-menu">
          <button type="button" className="small" data-testid="data.columns" onClick={() => setColumnsOpen((o) => !o)}>
            Columns
          </button>
          {columnsOpen ? (
            <div className="columns-popover" data-testid="data.columns.menu">
              {meta.columns.map((c) => (
                <label key={c.name} className="check">
                  <input
                    type="checkbox"
                    data-testid={`data.columns.toggle.${c.name}`}
                    checked={visibility[c.name] !== false}
                    onChange={(e) => setVisibility((v) => ({ ...v, [c.name]: e.target.checked }))}
                  />
                  {c.name}
                </label>
              ))}
            </div>
          ) : null}
        </div>
        {tableRef.as ? (
          <WhyButton connectionId={tableRef.connectionId} as={tableRef.as} schema={meta.schema} table={meta.table} command="select" testId="data.why" />
        ) : null}
        <ExportButtons tableRef={tableRef} view={view} />
        <button type="button" className="small" data-testid="data.add-row" disabled={readOnly} onClick={() => setEditing('new')}>
          + Row
        </button>
        <button type="button" className={staged ? 'small primary' : 'small'} data-testid="data.review" disabled={staged === 0} onClick={() => setReviewing(true)}>
          Review {staged} change{staged === 1 ? '' : 's'}
        </button>
        {staged ? (
          <button type="button" className="small" data-testid="data.discard" onClick={() => dispatch({ type: 'clear' })}>
            Discard
          </button>
        ) : null}
      </div>
      {readOnly ? (
        <div className="read-only-note" data-testid="data.read-only">
          {meta.readOnlyReason ?? 'Writes are locked on this production connection until you unlock them.'}
        </div>
      ) : null}
      <RelationNote meta={meta} />
      <FilterBar columns={meta.columns} filters={view.filters} onChange={(filters) => setView((v) => ({ ...v, filters }))} />
      {tableRef.as && !pages.isFetching && (pages.isError || (pages.isSuccess && rows.length === 0)) ? (
        // Under View as, an empty or refused grid is the question the explainer answers.
        <div className="why-empty" data-testid="data.why.empty">
          {pages.isError ? 'The read failed' : '0 rows'} as {tableRef.as.role} {tableRef.as.userId.slice(0, 24)}: the policies or grants decide.
          <WhyButton connectionId={tableRef.connectionId} as={tableRef.as} schema={meta.schema} table={meta.table} command="select" testId="data.why.empty.open" label="Why?" />
        </div>
      ) : null}
      <div className="table-body">
        {pages.isError ? <ErrorView error={toAppError(pages.error)} testId="data.grid.error" /> : null}
        <Grid
          meta={meta}
          rows={rows}
          sort={view.sort}
          onSort={(sort) => {
            setSeek(undefined);
            setView((v) => ({ ...v, sort }));
          }}
          visibility={visibility}
          selected={selected}
          onSelect={(row) => setSelected(keyId(row.key))}
          onOpen={(row) => !readOnly && setEditing(toEditorRow(row))}
          onFollow={onFollow}
          onLoadValue={onLoadValue}
          onNearEnd={onNearEnd}
          staged={stage}
        />
        {selectedRow ? (
          <RowPanel
            tableRef={tableRef}
            meta={meta}
            row={selectedRow}
            readOnly={readOnly}
            onOpen={onOpen}
            onEdit={() => setEditing(toEditorRow(selectedRow))}
            onDelete={() => dispatch({ type: 'delete', key: selectedRow.key, xmin: selectedRow.xmin })}
          />
        ) : null}
      </div>
      <div className="grid-status muted" data-testid="data.grid.status" data-state={pages.isFetching ? 'loading' : 'idle'}>
        {rows.length.toLocaleString()} rows loaded{pages.hasNextPage ? ' — scroll for more' : ''}
        {pages.isFetching ? ' · loading…' : ''}
      </div>
      {editing ? (
        <RecordEditor
          tableRef={tableRef}
          meta={meta}
          {...(editing === 'new' ? {} : { row: editing })}
          onClose={() => setEditing(null)}
          onStage={(values, original) =>
            editing === 'new' ? dispatch({ type: 'insert', values }) : dispatch({ type: 'update', key: editing.key, xmin: editing.xmin, values, original })
          }
        />
      ) : null}
      {reviewing ? (
        <ChangesDialog
          tableRef={tableRef}
          changes={toChanges(stage)}
          onClose={() => setReviewing(false)}
          onApplied={() => {
            dispatch({ type: 'clear' });
            setReviewing(false);
            refresh();
          }}
          onConflictResolved={(conflict, choice) => {
            const change = toChanges(stage)[conflict.index];
            if (change && change.kind !== 'insert') {
              const id = keyId(change.key);
              dispatch({ type: 'unstage', id });
              if (choice === 'rebase' && change.kind === 'update' && conflict.currentXmin && conflict.current) {
                const current = Object.fromEntries(conflict.current.map((c) => [c.column, c.value]));
                const values = Object.fromEntries(change.values.map((v) => [v.column, v.value]));
                const original = Object.fromEntries(change.values.map((v) => [v.column, current[v.column] ?? null]));
                dispatch({ type: 'update', key: change.key, xmin: conflict.currentXmin, values, original });
              }
            }
            setReviewing(false);
            refresh();
          }}
        />
      ) : null}
      {viewing ? <ValueViewer tableRef={tableRef} rowKey={viewing.key} column={viewing.column} onClose={() => setViewing(null)} /> : null}
    </div>
  );
}

/** Views: their definition, and security_invoker, which decides whose RLS applies; how pages are read. */
function RelationNote({ meta }: { meta: Props['meta'] }) {
  if (!meta.view && meta.paging !== 'offset') return null;
  return (
    <div className="relation-note" data-testid="data.relation-note">
      {meta.view ? (
        <span data-testid="data.view.security">
          {meta.view.securityInvoker
            ? 'security_invoker = on: row-level security of the underlying tables applies to the caller (you, or the View as identity).'
            : "security_invoker = off: the underlying tables are read with the view owner's rights; their row-level security applies to the owner, not the caller."}
        </span>
      ) : null}
      {meta.paging === 'offset' ? (
        <span data-testid="data.paging.offset"> Paged by position (OFFSET): it has no primary key and no ctid, so rows may shift if the data changes between pages.</span>
      ) : null}
      {meta.view ? (
        <details data-testid="data.view.definition">
          <summary>Definition</summary>
          <pre className="mono">{meta.view.definition}</pre>
        </details>
      ) : null}
    </div>
  );
}
