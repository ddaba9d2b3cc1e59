import type { ErdNode } from '../../../../shared/erd/types';

// Node geometry, shared by the layout (elk needs sizes before anything is drawn), the React
// nodes (erd.css uses the same numbers) and the SVG export, so all three agree to the pixel.

export const NODE_WIDTH = 264;
export const STUB_WIDTH = 200;
export const HEADER_HEIGHT = 30;
export const BADGES_HEIGHT = 22;
export const ROW_HEIGHT = 20;
export const PADDING_BOTTOM = 6;

export function nodeSize(node: Pick<ErdNode, 'stub' | 'columns'>): { width: number; height: number } {
  if (node.stub) return { width: STUB_WIDTH, height: HEADER_HEIGHT + node.columns.length * ROW_HEIGHT + PADDING_BOTTOM };
  return { width: NODE_WIDTH, height: HEADER_HEIGHT + BADGES_HEIGHT + node.columns.length * ROW_HEIGHT + PADDING_BOTTOM };
}

/** Vertical centre of a column's row, relative to the node's top. */
export function rowCenter(node: Pick<ErdNode, 'stub' | 'columns'>, column: string): number {
  const index = Math.max(0, node.columns.findIndex((c) => c.name === column));
  const top = HEADER_HEIGHT + (node.stub ? 0 : BADGES_HEIGHT);
  return top + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}

const shortTypes: [RegExp, string][] = [
  [/^timestamp(\(\d+\))? without time zone$/, 'timestamp$1'],
  [/^timestamp(\(\d+\))? with time zone$/, 'timestamptz$1'],
  [/^time(\(\d+\))? without time zone$/, 'time$1'],
  [/^character varying/, 'varchar'],
  [/^double precision$/, 'float8'],
];

/** The type as a DBA writes it, short enough for a node row. */
export function shortType(type: string): string {
  for (const [pattern, replacement] of shortTypes) if (pattern.test(type)) return type.replace(pattern, replacement);
  return type;
}
