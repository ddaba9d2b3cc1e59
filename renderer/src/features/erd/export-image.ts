import { getBezierPath, Position } from '@xyflow/react';
import type { ErdGraph, ErdNode } from '../../../../shared/erd/types';
import { edgeClass, endLabels } from './erd-edge';
import { BADGES_HEIGHT, HEADER_HEIGHT, nodeSize, ROW_HEIGHT, rowCenter, shortType } from './geometry';
import type { Positions } from './to-flow';

// SVG built from the graph and the node positions, not a screenshot of the DOM: it is exact at
// any zoom, has no dependency, and every name goes through `esc()` so a hostile table name is
// text in the file too. PNG is the same SVG rasterised on a canvas.

const esc = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const colors = {
  bg: '#121417',
  node: '#1f2328',
  header: '#272c33',
  stub: '#181b1f',
  border: '#3d444d',
  text: '#d7dce2',
  strong: '#f0f3f6',
  muted: '#8b949e',
  pk: '#d29922',
  fk: '#4493f8',
  both: '#6e7681',
  'fk-only': '#d29922',
  'relation-only': '#d29922',
  drift: '#f85149',
  ok: '#3fb950',
};

const FONT = "font-family=\"'DejaVu Sans', system-ui, sans-serif\" font-size=\"12\"";

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function nodeSvg(node: ErdNode, x: number, y: number, showDrift: boolean): string {
  const { width, height } = nodeSize(node);
  const drift = showDrift && node.drift !== null;
  const out = [
    `<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)})">`,
    `<rect width="${width}" height="${height}" rx="4" fill="${node.stub ? colors.stub : colors.node}" stroke="${drift ? colors.drift : colors.border}"${node.stub ? ' stroke-dasharray="4 3"' : ''}/>`,
    `<rect width="${width}" height="${HEADER_HEIGHT}" rx="4" fill="${colors.header}"/>`,
    `<text x="10" y="19" fill="${colors.strong}" font-weight="bold">${esc(truncate(node.table, node.stub ? 20 : 30))}</text>`,
  ];
  if (node.stub) out.push(`<text x="${width - 8}" y="19" fill="${colors.muted}" text-anchor="end" font-size="10">${esc(node.domain)}</text>`);
  let top = HEADER_HEIGHT;
  if (!node.stub) {
    const p = node.rls.policies;
    const policies = (['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL'] as const)
      .filter((k) => p[k] > 0)
      .map((k) => `${k === 'ALL' ? 'ALL' : k[0]}${p[k]}`)
      .join(' ');
    const rls = node.rls.enabled ? `RLS${node.rls.forced ? ' forced' : ''}` : 'no RLS';
    out.push(`<text x="10" y="${top + 15}" fill="${node.rls.enabled ? colors.ok : colors.muted}" font-size="10">${esc(rls)}</text>`);
    out.push(`<text x="70" y="${top + 15}" fill="${colors.muted}" font-size="10">${esc(policies)}</text>`);
    top += BADGES_HEIGHT;
  }
  node.columns.forEach((c, i) => {
    const baseline = top + i * ROW_HEIGHT + 14;
    const key = c.pk ? 'PK' : c.fk ? 'FK' : '';
    const colDrift = showDrift && c.drift !== null;
    if (key) out.push(`<text x="8" y="${baseline}" fill="${c.pk ? colors.pk : colors.fk}" font-size="9" font-weight="bold">${key}</text>`);
    out.push(
      `<text x="30" y="${baseline}" fill="${colDrift ? colors.drift : colors.text}"${c.drift === 'schema-only' && showDrift ? ' text-decoration="line-through"' : ''}>${esc(truncate(c.name, node.stub ? 18 : 22))}${c.nullable ? '?' : ''}</text>`,
    );
    if (!node.stub) out.push(`<text x="${width - 8}" y="${baseline}" fill="${colors.muted}" text-anchor="end" font-size="11">${esc(truncate(shortType(c.type), 14))}</text>`);
  });
  out.push('</g>');
  return out.join('');
}

export function buildSvg(graph: ErdGraph, positions: Positions, options: { visible?: Set<string> | null; showDrift?: boolean } = {}): string {
  const showDrift = options.showDrift ?? true;
  const nodes = graph.nodes.filter((n) => !options.visible || options.visible.has(n.id));
  const ids = new Set(nodes.map((n) => n.id));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const n of nodes) {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    const s = nodeSize(n);
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + s.width);
    maxY = Math.max(maxY, p.y + s.height);
  }
  if (nodes.length === 0) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const pad = 40;
  const width = Math.ceil(maxX - minX + 2 * pad);
  const height = Math.ceil(maxY - minY + 2 * pad);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: string[] = [];
  for (const e of graph.edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) continue;
    const from = byId.get(e.from)!;
    const to = byId.get(e.to)!;
    const fp = positions.get(e.from) ?? { x: 0, y: 0 };
    const tp = positions.get(e.to) ?? { x: 0, y: 0 };
    const fromRight = fp.x + nodeSize(from).width / 2 > tp.x + nodeSize(to).width / 2;
    const self = e.from === e.to;
    const sx = self || !fromRight ? fp.x + nodeSize(from).width : fp.x;
    const tx = self || fromRight ? tp.x + nodeSize(to).width : tp.x;
    const sy = fp.y + rowCenter(from, e.fromColumns[0] ?? '');
    const ty = tp.y + rowCenter(to, e.toColumns[0] ?? '');
    const sPos = self || !fromRight ? Position.Right : Position.Left;
    const tPos = self || fromRight ? Position.Right : Position.Left;
    const [path] = self
      ? [`M ${sx} ${sy} C ${sx + 60} ${sy}, ${tx + 60} ${ty}, ${tx} ${ty}`]
      : getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition: sPos, targetX: tx, targetY: ty, targetPosition: tPos, curvature: 0.35 });
    const kind = edgeClass(e, showDrift);
    const dashed = kind === 'relation-only' || kind === 'drift' ? ' stroke-dasharray="6 4"' : '';
    const labels = endLabels(e);
    edges.push(
      `<path d="${path}" fill="none" stroke="${colors[kind as keyof typeof colors]}" stroke-width="1.4"${dashed}/>`,
      `<text x="${sx + (sPos === Position.Left ? -10 : 10)}" y="${sy - 4}" fill="${colors.muted}" font-size="10" text-anchor="${sPos === Position.Left ? 'end' : 'start'}">${labels.from}</text>`,
      `<text x="${tx + (tPos === Position.Left ? -10 : 10)}" y="${ty - 4}" fill="${colors.muted}" font-size="10" text-anchor="${tPos === Position.Left ? 'end' : 'start'}">${esc(labels.to)}</text>`,
    );
  }
  const body = nodes.map((n) => {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    return nodeSvg(n, p.x, p.y, showDrift);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX - pad} ${minY - pad} ${width} ${height}" ${FONT}>`,
    `<title>${esc(`Warden diagram: ${graph.domain}`)}</title>`,
    `<rect x="${minX - pad}" y="${minY - pad}" width="${width}" height="${height}" fill="${colors.bg}"/>`,
    `<g>${edges.join('')}</g>`,
    `<g>${body.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

/** Rasterises the SVG (2x, capped to what a canvas accepts) into a PNG data URL. */
export async function svgToPng(svg: string): Promise<string> {
  const match = /width="(\d+)" height="(\d+)"/.exec(svg);
  const width = Number(match?.[1] ?? 800);
  const height = Number(match?.[2] ?? 600);
  const scale = Math.min(2, 16_000 / Math.max(width, height));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas available for the PNG export');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
