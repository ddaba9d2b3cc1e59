import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ConsoleCell } from '../../../../shared/ipc/contracts/console';

const ROW_HEIGHT = 24;

/** Console results: a virtualized grid; every value is rendered as text (SEC-10). */
export function ResultGrid({ columns, rows }: { columns: string[]; rows: ConsoleCell[][] }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const template = `48px repeat(${columns.length}, minmax(120px, 1fr))`;
  return (
    <div className="result-grid" ref={parent} data-testid="console.grid">
      <div className="result-head" style={{ gridTemplateColumns: template }}>
        <span>#</span>
        {columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: result columns are positional and may repeat a name
          <span key={`${c}-${i}`} data-testid={`console.column.${c}`}>
            {c}
          </span>
        ))}
      </div>
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index] ?? [];
          return (
            <div
              key={item.key}
              className="result-row"
              data-testid={`console.result.row.${item.index}`}
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <span className="muted">{item.index + 1}</span>
              {row.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column position
                <span key={`${item.index}-${i}`} className={v === null ? 'null' : undefined} title={v === null ? 'NULL' : String(v)}>
                  {v === null ? 'NULL' : String(v)}
                </span>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
