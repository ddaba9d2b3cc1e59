import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TableSummary } from '../../../../shared/ipc/contracts/records';
import { ErrorView } from '../../components/error-view';
import { ManagedChip } from '../../components/managed-chip';
import { toAppError } from '../../lib/ipc';
import { type OpenTableRequest, onOpenTableRequest, takeOpenTableRequest } from '../../lib/open-table';
import { prefetchTable, recordKeys, recordQueries, tableRefOf, type ViewState } from '../../queries/records';
import { asWire, getViewAs, useViewAs } from '../impersonate/view-as-store';
import type { ScreenProps } from '../shell/screens';
import type { OpenTarget } from './row-panel';
import { TableView } from './table-view';
import './data.css';

interface Location {
  schema: string;
  table: string;
  view: ViewState;
}

function toLocation(target: OpenTarget): Location {
  return { schema: target.schema, table: target.table, view: { filters: target.filters.map((f) => ({ column: f.column, op: 'eq', value: f.value })) } };
}

/** The data browser: tables grouped by domain on the left, the keyset grid of one table on the right. */
export function DataScreen({ connection }: ScreenProps) {
  const connectionId = connection.id;
  const tables = useQuery(recordQueries.tables(connectionId));
  const [history, setHistory] = useState<Location[]>([]);
  const [search, setSearch] = useState('');
  const location = history.at(-1);
  const queryClient = useQueryClient();

  // Grids refresh after a migration through the app-wide listener (queries/use-schema-changed.ts).

  const groups = useMemo(() => {
    const map = new Map<string, TableSummary[]>();
    const needle = search.trim().toLowerCase();
    for (const t of tables.data?.tables ?? []) {
      if (needle && !t.name.toLowerCase().includes(needle)) continue;
      // Our domains only on a database this project manages; otherwise the PostgreSQL schema.
      const group = t.domain ?? `schema ${t.schema}`;
      if (!map.has(group)) map.set(group, []);
      map.get(group)!.push(t);
    }
    return [...map.entries()];
  }, [tables.data, search]);

  // P1: the table's reads leave from the click itself, before React renders anything (the
  // identity is read from the View-as store, as TableLoader's ref will be).
  const open = useCallback(
    (loc: Location, replace: boolean) => {
      void prefetchTable(queryClient, tableRefOf(connectionId, loc.schema, loc.table, asWire(getViewAs(connectionId))), loc.view);
      setHistory((h) => (replace ? [loc] : [...h, loc]));
    },
    [queryClient, connectionId],
  );

  // "Open data" from a diagram's table panel: a request left before this screen mounted, or one
  // made while it is showing.
  useEffect(() => {
    const openRequested = (request: OpenTableRequest | null) => {
      if (request?.connectionId === connectionId) open({ schema: request.schema, table: request.table, view: { filters: [] } }, true);
    };
    openRequested(takeOpenTableRequest());
    return onOpenTableRequest(openRequested);
  }, [connectionId, open]);

  return (
    <div className="data-screen" data-testid="data.screen">
      <nav className="table-list" data-testid="data.table-list" aria-label="Tables">
        {tables.data ? <ManagedChip managed={tables.data.managed} /> : null}
        <input type="text" placeholder="Search tables" value={search} data-testid="data.table-search" onChange={(e) => setSearch(e.target.value)} />
        {tables.isError ? <ErrorView error={toAppError(tables.error)} testId="data.tables.error" /> : null}
        {groups.map(([domain, list]) => (
          <section key={domain} className="table-group" data-testid={`data.domain.${domain.replace(' ', '.')}`}>
            <h3>{domain}</h3>
            {list.map((t) => (
              <button
                type="button"
                key={`${t.schema}.${t.name}`}
                className={`table-item${location?.table === t.name && location.schema === t.schema ? ' active' : ''}`}
                data-testid={t.schema === 'public' ? `data.table.${t.name}` : `data.table.${t.schema}.${t.name}`}
                onClick={() => open({ schema: t.schema, table: t.name, view: { filters: [] } }, true)}
              >
                <span className="table-name">
                  {t.name}
                  {t.kind !== 'table' ? (
                    <span className="relation-kind" data-testid={`data.kind.${t.schema}.${t.name}`}>
                      {kindLabels[t.kind]}
                      {t.partitions ? ` · ${t.partitions}` : ''}
                    </span>
                  ) : null}
                </span>
                <span className="table-rows muted" title="Planner estimate">
                  {t.estimatedRows === null ? '' : `~${t.estimatedRows.toLocaleString()}`}
                  {t.hasPrimaryKey && t.kind !== 'view' && t.kind !== 'matview' ? '' : ' · read-only'}
                </span>
              </button>
            ))}
          </section>
        ))}
      </nav>
      <section className="data-main">
        {history.length > 1 ? (
          <button type="button" className="small back" data-testid="data.back" onClick={() => setHistory((h) => h.slice(0, -1))}>
            ← Back to {history.at(-2)?.table}
          </button>
        ) : null}
        {location ? (
          <TableLoader
            key={`${location.schema}.${location.table}.${history.length}.${JSON.stringify(location.view)}`}
            connectionId={connectionId}
            connectionReadOnly={connection.readOnly}
            location={location}
            onOpen={(target) => open(toLocation(target), false)}
          />
        ) : (
          <div className="empty-state" data-testid="data.empty">
            <h1>Data</h1>
            <p>Pick a table. Rows are paged by key, sorted and filtered in SQL; large values are capped with their size.</p>
          </div>
        )}
      </section>
    </div>
  );
}

const kindLabels: Record<TableSummary['kind'], string> = {
  table: 'table',
  partitioned: 'partitioned',
  view: 'view',
  matview: 'mat. view',
  foreign: 'foreign',
};

function TableLoader({
  connectionId,
  connectionReadOnly,
  location,
  onOpen,
}: {
  connectionId: string;
  connectionReadOnly: boolean;
  location: Location;
  onOpen: (target: OpenTarget) => void;
}) {
  // "View as" (issue 7): the identity rides along in the ref, so every records call and cache key carries it.
  const [viewAs] = useViewAs(connectionId);
  const role = viewAs?.role;
  const userId = viewAs?.userId;
  const tableRef = useMemo(
    () => tableRefOf(connectionId, location.schema, location.table, role && userId ? { role, userId } : undefined),
    [connectionId, location.schema, location.table, role, userId],
  );
  const meta = useQuery(recordQueries.describe(tableRef));
  // P1: the grid is first drawn together with its first page, in one render and one layout.
  // Drawn empty as soon as the description came, it cost a full render, a forced layout and a
  // frame that the rows then waited behind. TableView's own query (the same key) then takes the
  // page from the cache. Both reads are usually in flight already (DataScreen's open); this also
  // covers Back and an identity changed before the first page came.
  const queryClient = useQueryClient();
  const [firstPageRead, setFirstPageRead] = useState(false);
  useEffect(() => {
    if (firstPageRead) return;
    let settled = false;
    let superseded = false;
    void prefetchTable(queryClient, tableRef, location.view).then(() => {
      settled = true;
      if (!superseded) setFirstPageRead(true);
    });
    return () => {
      superseded = true;
      // No grid observes this read yet, so nothing else would cancel it: leaving a slow table
      // (a view, a heavy policy) must still stop its statement on the server (records.cancel).
      if (!settled) void queryClient.cancelQueries({ queryKey: recordKeys.page(tableRef, location.view), exact: true });
    };
  }, [queryClient, tableRef, location.view, firstPageRead]);
  if (meta.isError) return <ErrorView error={toAppError(meta.error)} testId="data.describe.error" />;
  if (!meta.data || !firstPageRead) return <div className="muted">Loading {location.table}…</div>;
  return <TableView tableRef={tableRef} meta={meta.data} initialView={location.view} onOpen={onOpen} connectionReadOnly={connectionReadOnly} />;
}
