import { useEffect, useRef, useState } from 'react';
import type { ErdExportFormat } from '../../../../shared/ipc/contracts/erd';

// The diagram toolbar: search, focus, drift, fit, reset, export. Stateless: the workspace owns
// the state and passes handlers.

export interface ToolbarProps {
  search: string;
  onSearch: (value: string) => void;
  results: string[];
  onPick: (table: string) => void;
  selected: string | null;
  focus: boolean;
  onFocus: (on: boolean) => void;
  hops: number;
  onHops: (hops: number) => void;
  showDrift: boolean;
  onShowDrift: (on: boolean) => void;
  driftCount: number;
  onFit: () => void;
  onReset: () => void;
  onExport: (format: ErdExportFormat) => void;
  exporting: ErdExportFormat | null;
}

const formats: { format: ErdExportFormat; label: string; hint: string }[] = [
  { format: 'png', label: 'PNG image', hint: 'what is on screen' },
  { format: 'svg', label: 'SVG image', hint: 'what is on screen' },
  { format: 'mermaid', label: 'Mermaid', hint: 'erDiagram text' },
  { format: 'markdown', label: 'Markdown', hint: 'docs with policies' },
];

export function Toolbar(props: ToolbarProps) {
  const [open, setOpen] = useState(false);
  const [menu, setMenu] = useState(false);
  const menuRoot = useRef<HTMLDivElement>(null);
  // Close the export menu on any press outside it (a blur timer raced with fast exports).
  useEffect(() => {
    if (!menu) return;
    const close = (e: PointerEvent) => {
      if (!menuRoot.current?.contains(e.target as globalThis.Node)) setMenu(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [menu]);
  const showResults = open && props.search.trim().length > 0;
  return (
    <div className="erd-toolbar" data-testid="erd.toolbar">
      <div className="erd-search">
        <input
          type="text"
          placeholder="Search a table…"
          aria-label="Search a table"
          data-testid="erd.search"
          value={props.search}
          onChange={(e) => {
            props.onSearch(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && props.results[0]) {
              props.onPick(props.results[0]);
              setOpen(false);
            }
            if (e.key === 'Escape') setOpen(false);
          }}
        />
        {showResults ? (
          <ul className="erd-search-results" data-testid="erd.search.results">
            {props.results.length === 0 ? <li className="muted">No table matches.</li> : null}
            {props.results.slice(0, 12).map((t) => (
              <li key={t}>
                <button type="button" className="erd-search-hit mono" data-testid={`erd.search.hit.${t}`} onMouseDown={() => props.onPick(t)}>
                  {t}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="erd-tool-group">
        <button
          type="button"
          className={`small${props.focus ? ' active' : ''}`}
          data-testid="erd.focus"
          aria-pressed={props.focus}
          disabled={props.selected === null}
          title={props.selected === null ? 'Select a table to focus on it' : `Show only tables within ${props.hops} hops of ${props.selected}`}
          onClick={() => props.onFocus(!props.focus)}
        >
          Focus
        </button>
        <select className="erd-hops" aria-label="Hops" data-testid="erd.focus.hops" value={props.hops} onChange={(e) => props.onHops(Number(e.target.value))}>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n} {n === 1 ? 'hop' : 'hops'}
            </option>
          ))}
        </select>
      </div>
      <label className="erd-check" title="Mark what the database has or lacks against the Drizzle schema">
        <input type="checkbox" data-testid="erd.drift.toggle" checked={props.showDrift} onChange={(e) => props.onShowDrift(e.target.checked)} />
        Drift
        {props.driftCount > 0 ? (
          <span className="erd-drift-pill" data-testid="erd.drift.count">
            {props.driftCount}
          </span>
        ) : null}
      </label>
      <div className="erd-tool-group">
        <button type="button" className="small" data-testid="erd.fit" onClick={props.onFit}>
          Fit view
        </button>
        <button type="button" className="small" data-testid="erd.reset" onClick={props.onReset} title="Forget dragged positions and lay the diagram out again">
          Reset layout
        </button>
      </div>
      <div className="erd-export" ref={menuRoot}>
        <button
          type="button"
          className="small"
          data-testid="erd.export"
          aria-haspopup="menu"
          aria-expanded={menu}
          disabled={props.exporting !== null}
          onClick={() => setMenu((m) => !m)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setMenu(false);
          }}
        >
          {props.exporting ? `Exporting ${props.exporting}…` : 'Export ▾'}
        </button>
        {menu ? (
          <div className="erd-export-menu" role="menu">
            {formats.map((f) => (
              <button
                key={f.format}
                type="button"
                role="menuitem"
                className="erd-menu-item"
                data-testid={`erd.export.${f.format}`}
                onClick={() => {
                  setMenu(false);
                  props.onExport(f.format);
                }}
                >
                {f.label}
                <span className="muted">{f.hint}</span>
                </button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
