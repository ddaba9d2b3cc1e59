import { type ColumnDef, flexRender, getCoreRowModel, useReactTable, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { Cell, TableMeta } from '../../../../shared/ipc/contracts/records';
import type { Sort } from '../../../../shared/records/filter';
import { formatBytes } from '../../../../shared/records/text';
import { keyId, type StagedState } from './staged';

export interface GridRow {
  index: number;
  key: string[];
  xmin: string;
  cells: Cell[];
  /** column index -> full size in bytes of a capped cell */
  truncated: Map<number, number>;
}

interface Props {
  meta: TableMeta;
  rows: GridRow[];
  sort: Sort | undefined;
  onSort: (sort: Sort | undefined) => void;
  visibility: VisibilityState;
  selected: string | null;
  onSelect: (row: GridRow) => void;
  onOpen: (row: GridRow) => void;
  onFollow: (column: string, value: string) => void;
  onLoadValue: (row: GridRow, column: string) => void;
  onNearEnd: () => void;
  staged: StagedState;
}

const ROW_HEIGHT = 26;

/**
 * The virtualized grid: only the visible rows are in the DOM, sorting is server-side (a header
 * click changes the query), and every cell is a text node (SEC-10).
 */
export function Grid({ meta, rows, sort, onSort, visibility, selected, onSelect, onOpen, onFollow, onLoadValue, onNearEnd, staged }: Props) {
  // TanStack Table keeps the header, sizes and visibility. drawCell below draws a cell as one div
  // around the value's span: a flexRender component, its context object and a wrapper span per
  // cell made every first page's render heavier (P1).
  const columns = useMemo<ColumnDef<GridRow>[]>(
    () =>
      meta.columns.map((c) => ({
        id: c.name,
        header: c.name,
        size: c.kind === 'boolean' ? 80 : c.kind === 'json' || c.kind === 'text' ? 220 : 160,
        minSize: 50,
        maxSize: 1200,
      })),
    [meta.columns],
  );
  const columnIndex = useMemo(() => new Map(meta.columns.map((c, i) => [c.name, i])), [meta.columns]);
  const drawCell = (row: GridRow, i: number, width: number) => {
    const c = meta.columns[i]!;
    const stagedRow = staged.updates[keyId(row.key)];
    const isStaged = stagedRow !== undefined && c.name in stagedRow.values;
    const value: Cell = isStaged ? (stagedRow.values[c.name] ?? null) : row.cells[i]!;
    const size = row.truncated.get(i);
    return (
      <div key={c.name} className={`grid-td${isStaged ? ' cell-staged' : ''}`} style={{ width }} data-testid={`data.grid.cell.${row.index}.${c.name}`}>
        {value === null ? <span className="cell-null">NULL</span> : <span className="cell-text">{value}</span>}
        {size !== undefined ? (
          <button
            type="button"
            className="cell-size"
            title="Capped in the list: load the full value"
            data-testid={`data.grid.load.${row.index}.${c.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onLoadValue(row, c.name);
            }}
          >
            … {formatBytes(size)}
          </button>
        ) : null}
        {c.references && value !== null ? (
          <button
            type="button"
            className="cell-link"
            title={`Open ${c.references.table} where ${c.references.column} = this value`}
            data-testid={`data.fk.${row.index}.${c.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onFollow(c.name, value);
            }}
          >
            ↗
          </button>
        ) : null}
      </div>
    );
  };

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    manualSorting: true,
    state: { columnVisibility: visibility },
    getRowId: (row) => keyId(row.key),
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Six rows (156 px) beyond each edge are enough for the wheel; every extra row is built,
    // laid out and painted before the first page shows (P1): 12 drew about 40 rows for 27 seen.
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    // Infinite scroll: ask for the next keyset page before the user reaches the end.
    if (rows.length > 0 && lastIndex >= rows.length - 30) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const width = table.getTotalSize();
  const tableRows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();

  return (
    <div className="grid-scroll" ref={scrollRef} data-testid="data.grid" data-rows={rows.length}>
      <div className="grid-inner" style={{ width }}>
        <div className="grid-header">
          {headers.map((header) => {
            const name = header.column.id;
            const column = meta.columns.find((c) => c.name === name);
            const direction = sort?.column === name ? sort.direction : undefined;
            return (
              <div key={header.id} className="grid-th" style={{ width: header.getSize() }} data-sort={direction ?? 'none'}>
                <button
                  type="button"
                  className="grid-th-button"
                  disabled={!column?.sortable}
                  data-testid={`data.grid.header.${name}`}
                  title={column ? `${column.type}${column.sortable ? ' — click to sort' : ''}` : undefined}
                  onClick={() => onSort(direction === undefined ? { column: name, direction: 'asc' } : direction === 'asc' ? { column: name, direction: 'desc' } : undefined)}
                >
                  {column?.primaryKey ? <span className="pk-mark">PK</span> : null}
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  {direction ? <span className="sort-mark">{direction === 'asc' ? '▲' : '▼'}</span> : null}
                </button>
                <div
                  className={`resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  data-testid={`data.grid.resize.${name}`}
                />
              </div>
            );
          })}
        </div>
        <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            const id = keyId(row.original.key);
            const deleted = staged.deletes[id] !== undefined;
            return (
              <div
                key={row.id}
                className={`grid-tr${selected === id ? ' selected' : ''}${deleted ? ' staged-delete' : ''}`}
                data-testid={`data.grid.row.${row.original.index}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(row.original)}
                onDoubleClick={() => onOpen(row.original)}
              >
                {visibleColumns.map((column) => drawCell(row.original, columnIndex.get(column.id)!, column.getSize()))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
