import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { ALL_DOMAINS, type ErdGraph } from '../../../../shared/erd/types';
import type { ErdExportFormat } from '../../../../shared/ipc/contracts/erd';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { erdKeys, erdQueries } from '../../queries/erd';
import { ErdEdgeComponent } from './erd-edge';
import { FrameNode } from './frame-node';
import { buildSvg, svgToPng } from './export-image';
import { neighborhood, searchTables } from './focus';
import { nodeSize } from './geometry';
import { Legend } from './legend';
import { fittedViewport } from './viewport';
import { boxAt, OverviewCanvas, overviewBoxes } from './overview-canvas';
import { ScopeNote } from './scope-note';
import { TablePanel } from './table-panel';
import {
  BIG_DIAGRAM,
  COMPACT_ZOOM,
  type FrameFlowNode,
  type Positions,
  READABLE_ZOOM,
  type TableFlowNode,
  toFlowEdges,
  toFlowNodes,
  toFrameNodes,
  type ViewState,
} from './to-flow';
import { TableNode } from './table-node';
import { Toolbar } from './toolbar';
import { useDiagramLayout } from './use-diagram-layout';
import { useViewportWindow } from './use-viewport-window';

// One diagram: queries, layout, the React Flow canvas, the toolbar and the table panel.

const nodeTypes = { table: TableNode, frame: FrameNode };

type FlowNode = TableFlowNode | FrameFlowNode;
const edgeTypes = { erd: ErdEdgeComponent };

function minimapColor(node: FlowNode): string {
  if (node.type === 'frame') return 'transparent';
  return node.data.node.stub ? '#30363d' : '#4b535d';
}

export interface WorkspaceProps {
  connectionId: string;
  domain: string;
  onOpenData?: (schema: string, table: string) => void;
  /** Unmanaged database, drift overlay asked for: our schema against its catalog. */
  compare?: boolean;
  /** Opens another diagram or scope (a hub's neighbourhood from the note above the canvas). */
  onOpenScope?: (domain: string) => void;
}

export function Workspace({ connectionId, domain, compare = false, onOpenData, onOpenScope }: WorkspaceProps) {
  const queryClient = useQueryClient();
  const rf = useReactFlow();
  const graphQuery = useQuery(erdQueries.graph(connectionId, domain, compare));
  const layoutQuery = useQuery(erdQueries.layout(connectionId, domain));
  const graph = graphQuery.data;
  const store = useStoreApi<FlowNode>();
  // Set the fitted viewport together with the new positions, so the first paint is the final
  // one: fitting afterwards would render every node once at zoom 1 and again zoomed out.
  const fitBeforeCommit = useCallback(
    (g: ErdGraph, p: Positions) => {
      const { width, height, minZoom } = store.getState();
      if (width === 0 || height === 0 || g.nodes.length === 0) return;
      // "all" opens as an overview (names only); a domain opens no smaller than readable, centred,
      // with the minimap and "Fit view" for the rest. Small diagrams are not blown up past 100%.
      const least = g.domain === ALL_DOMAINS ? minZoom : READABLE_ZOOM;
      void rf.setViewport(fittedViewport(g, p, null, { width, height }, least, 1));
    },
    [rf, store],
  );
  const { positions, version, timing, error: layoutError, relayout, move, painted } = useDiagramLayout(graph, layoutQuery.data?.positions, fitBeforeCommit);
  /** Everything (or the focused tables) in view, as the Fit button and focus changes ask. */
  const fitTo = useCallback(
    (only: Set<string> | null) => {
      const { width, height, minZoom, maxZoom } = store.getState();
      if (!graph || !positions || width === 0) return;
      void rf.setViewport(fittedViewport(graph, positions, only, { width, height }, minZoom, maxZoom));
    },
    [graph, positions, rf, store],
  );

  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [focus, setFocus] = useState(false);
  const [hops, setHops] = useState(1);
  const [showDrift, setShowDrift] = useState(true);
  const [exporting, setExporting] = useState<ErdExportFormat | null>(null);
  const [exportResult, setExportResult] = useState<{ ok: boolean; text: string; path?: string } | null>(null);

  const tables = useMemo(() => graph?.nodes.map((n) => n.id) ?? [], [graph]);
  const results = useMemo(() => searchTables(tables, search), [tables, search]);
  const visible = useMemo(() => (focus && selected && graph ? neighborhood(graph.edges, selected, hops) : null), [focus, selected, hops, graph]);
  // A big diagram zoomed out is drawn by the overview canvas: no table nodes, no edges in the DOM.
  const big = (graph?.nodes.length ?? 0) > BIG_DIAGRAM;
  // Zooming in past a threshold draws more: full tables instead of names, nodes instead of the
  // overview. Deferred, React renders that in slices between frames with the old picture on
  // screen meanwhile, not inside the wheel event that crossed it (a 90 ms task on 3,000 tables).
  // Zooming out draws less and happens at once (also on the first fit of "all").
  const compactNow = useStore((s) => s.transform[2] < COMPACT_ZOOM);
  const compact = useDeferredValue(compactNow) || compactNow;
  const overviewNow = useStore((s) => big && s.transform[2] < READABLE_ZOOM);
  const overview = useDeferredValue(overviewNow) || overviewNow;
  const view = useMemo<ViewState>(
    () => ({ selected, visible, matches: new Set(search.trim() ? results : []), showDrift, compact }),
    [selected, visible, results, search, showDrift, compact],
  );
  const held = useViewportWindow(graph, positions, big, overview, selected);
  const nodes = useMemo<FlowNode[]>(() => {
    if (!graph || !positions) return [];
    const tables = toFlowNodes(graph, positions, view);
    return [...toFrameNodes(graph, positions, visible), ...(held ? tables.filter((n) => held.has(n.id)) : tables)];
  }, [graph, positions, view, visible, held]);
  const edges = useMemo(() => {
    if (!graph || !positions) return [];
    const all = toFlowEdges(graph, positions, view);
    return held ? all.filter((e) => held.has(e.source) && held.has(e.target)) : all;
  }, [graph, positions, view, held]);
  const boxes = useMemo(() => (graph && positions && big ? overviewBoxes(graph, positions, visible) : []), [graph, positions, big, visible]);

  // The new layout is on screen at its fitted viewport: report the paint that shows it (P8).
  useEffect(() => {
    if (version === 0) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(painted);
    });
    return () => cancelAnimationFrame(frame);
  }, [version, painted]);

  // Focus on or off: fit to the neighbourhood, or back to everything.
  const lastVisible = useRef(visible);
  useEffect(() => {
    if (version === 0 || lastVisible.current === visible) return;
    lastVisible.current = visible;
    const frame = requestAnimationFrame(() => fitTo(visible));
    return () => cancelAnimationFrame(frame);
  }, [visible, fitTo, version]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      for (const change of changes) if (change.type === 'position' && change.position) move(change.id, change.position);
    },
    [move],
  );

  const onNodeDragStop = useCallback(
    async (_event: unknown, _node: FlowNode, dragged: FlowNode[]) => {
      const moved = dragged.filter((n) => n.type === 'table').map((n) => ({ id: n.id, x: Math.round(n.position.x), y: Math.round(n.position.y) }));
      try {
        await call('erd.layout.save', { connectionId, domain, positions: moved });
        queryClient.setQueryData(erdKeys.layout(connectionId, domain), (old: { positions: typeof moved; savedAt: string | null } | undefined) => {
          const byId = new Map((old?.positions ?? []).map((p) => [p.id, p]));
          for (const p of moved) byId.set(p.id, p);
          return { positions: [...byId.values()], savedAt: new Date().toISOString() };
        });
      } catch (err) {
        setExportResult({ ok: false, text: `Could not save the layout: ${toAppError(err).message}` });
      }
    },
    [connectionId, domain, queryClient],
  );

  /**
   * Select a table and bring it into view once the panel has opened (the canvas is narrower
   * then). From the search it also zooms in to a readable size; a click only pans, and only
   * when the table would sit under the panel or off screen.
   */
  const reveal = useCallback(
    (table: string, zoomIn: boolean) => {
      setSelected(table);
      const node = graph?.nodes.find((n) => n.id === table);
      const p = positions?.get(table);
      if (!node || !p) return;
      const { width, height } = nodeSize(node);
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const { width: w, height: h, transform } = store.getState();
          const [tx, ty, current] = transform;
          const zoom = zoomIn ? Math.max(current, 0.9) : current;
          const left = p.x * current + tx;
          const top = p.y * current + ty;
          const inside = left >= 0 && top >= 0 && left + width * current <= w && top + Math.min(height, 200) * current <= h;
          if (!zoomIn && inside) return;
          const visibleHeight = h / zoom;
          const y = height > visibleHeight * 0.8 ? p.y + visibleHeight * 0.4 : p.y + height / 2;
          void rf.setCenter(p.x + width / 2, y, { zoom, duration: 200 });
        }),
      );
    },
    [graph, positions, rf, store],
  );
  const pick = useCallback((table: string) => reveal(table, true), [reveal]);

  const reset = useCallback(async () => {
    try {
      await call('erd.layout.reset', { connectionId, domain });
      // Drop saved positions from the cache without refetching: the relayout below ignores them.
      queryClient.setQueryData(erdKeys.layout(connectionId, domain), { positions: [], savedAt: null });
      await relayout();
    } catch (err) {
      setExportResult({ ok: false, text: `Could not reset the layout: ${toAppError(err).message}` });
    }
  }, [connectionId, domain, queryClient, relayout]);

  const exportAs = useCallback(
    async (format: ErdExportFormat) => {
      if (!graph || !positions) return;
      setExporting(format);
      setExportResult(null);
      try {
        let content: string | undefined;
        if (format === 'svg' || format === 'png') {
          const svg = buildSvg(graph, positions, { visible, showDrift });
          content = format === 'svg' ? svg : await svgToPng(svg);
        }
        const result = await call('erd.export', { connectionId, domain, format, content });
        setExportResult(result.path ? { ok: true, text: `Saved ${format.toUpperCase()} to`, path: result.path } : { ok: true, text: 'Export cancelled.' });
      } catch (err) {
        setExportResult({ ok: false, text: `Export failed: ${toAppError(err).message}` });
      } finally {
        setExporting(null);
      }
    },
    [graph, positions, connectionId, domain, visible, showDrift],
  );

  const error = graphQuery.error ?? layoutQuery.error ?? layoutError;
  const ready = graph !== undefined && positions !== null && timing !== null;
  return (
    <div className="erd-workspace">
      <Toolbar
        search={search}
        onSearch={setSearch}
        results={results}
        onPick={pick}
        selected={selected}
        focus={focus}
        onFocus={setFocus}
        hops={hops}
        onHops={setHops}
        showDrift={showDrift}
        onShowDrift={setShowDrift}
        driftCount={graph?.drift.length ?? 0}
        onFit={() => fitTo(visible)}
        onReset={() => void reset()}
        onExport={(f) => void exportAs(f)}
        exporting={exporting}
      />
      {exportResult ? (
        <div className={`erd-notice ${exportResult.ok ? 'ok' : 'bad'}`} data-testid="erd.export.result" role="status">
          <span>
            {exportResult.text}
            {exportResult.path ? (
              <>
                {' '}
                <span className="mono" data-testid="erd.export.path">
                  {exportResult.path}
                </span>
              </>
            ) : null}
          </span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setExportResult(null)}>
            ×
          </button>
        </div>
      ) : null}
      <div className="erd-body">
        <div
          className="erd-canvas"
          data-testid="erd.canvas"
          data-domain={domain}
          data-layout={ready ? 'ready' : 'pending'}
          data-layout-ms={timing ? timing.layoutMs.toFixed(1) : undefined}
          data-total-ms={timing ? timing.totalMs.toFixed(1) : undefined}
          data-nodes={graph?.nodes.length ?? 0}
          data-edges={edges.length}
          data-view={overview ? 'overview' : 'nodes'}
        >
          {error ? <ErrorView error={toAppError(error)} testId="erd.error" /> : null}
          {graph ? <ScopeNote graph={graph} onOpenScope={onOpenScope} /> : null}
          {!error && !ready ? <div className="erd-loading muted">Laying out the diagram…</div> : null}
          <ReactFlow<FlowNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStop={(e, n, ns) => void onNodeDragStop(e, n, ns)}
            onNodeClick={(_e, node) => {
              if (node.type === 'table') reveal(node.id, false);
            }}
            onPaneClick={(event) => {
              // Zoomed out on a big diagram the tables are pixels of the overview: a click picks one.
              const at = overview ? rf.screenToFlowPosition({ x: event.clientX, y: event.clientY }) : null;
              const hit = at ? boxAt(boxes, at.x, at.y) : null;
              if (hit) reveal(hit.id, true);
              else setSelected(null);
            }}
            nodesConnectable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            minZoom={0.02}
            maxZoom={2}
            onlyRenderVisibleElements={big}
            proOptions={{ hideAttribution: true }}
            colorMode="dark"
          >
            <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#2d333b" />
            <Controls showInteractive={false} />
            {/* A big diagram's map is its overview, one zoom-out away; a minimap of thousands of nodes costs a mount of thousands. */}
            {big ? null : <MiniMap pannable zoomable nodeColor={minimapColor} maskColor="rgba(18,20,23,0.7)" style={{ width: 150, height: 96 }} />}
            {overview ? <OverviewCanvas boxes={boxes} view={view} /> : null}
            <Legend />
          </ReactFlow>
        </div>
        {selected ? (
          <TablePanel connectionId={connectionId} table={selected} onClose={() => setSelected(null)} onSelect={pick} onOpenData={onOpenData} />
        ) : null}
      </div>
    </div>
  );
}
