import type { ErdEdge, ErdGraph } from './types';

// Mermaid `erDiagram` text for one diagram. Mermaid's grammar accepts only [A-Za-z0-9_-] in
// entity and attribute names and no quotes in labels, so names are reduced to that alphabet
// (with a `%%` comment giving the real name when it changed) and labels lose their quotes.

/** A Mermaid-safe identifier; never empty, never starting with a digit or dash. */
export function mermaidName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

function attrType(type: string): string {
  const safe = type.replace(/\s+/g, '_').replace(/[^A-Za-z0-9_()[\]-]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

const label = (text: string) => text.replace(/["\r\n]/g, ' ').replace(/[{}]/g, '');
// Comments are not rendered, but a pasted file may be read by other tools: no markup in them.
const comment = (text: string) => text.replace(/[\r\n]/g, ' ').replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');

/** Cardinality markers: parent side first (`||` or `|o`), then the child side (`o{` or `o|`). */
function relationship(edge: ErdEdge, names: Map<string, string>): string {
  const parent = edge.optional ? '|o' : '||';
  const child = edge.fromCardinality === 'many' ? 'o{' : 'o|';
  // Mermaid draws `..` dashed: used for relations the database does not enforce.
  const line = edge.source === 'relation-only' ? '..' : '--';
  const text = label(`${edge.fromColumns.join(', ')}${edge.source === 'fk+relation' ? '' : ` (${edge.source})`}`);
  return `  ${names.get(edge.to)} ${parent}${line}${child} ${names.get(edge.from)} : "${text}"`;
}

export function toMermaid(graph: ErdGraph): string {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const node of graph.nodes) {
    let name = mermaidName(node.table);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    names.set(node.id, name);
  }
  const lines = ['erDiagram', `  %% Warden diagram: ${comment(graph.domain)}`];
  for (const node of graph.nodes) {
    const name = names.get(node.id)!;
    if (name !== node.table) lines.push(`  %% ${name} is table ${comment(JSON.stringify(node.table))}`);
    if (node.columns.length === 0) {
      lines.push(`  ${name} {`, '  }');
      continue;
    }
    lines.push(`  ${name} {`);
    for (const column of node.columns) {
      const keys = [column.pk ? 'PK' : null, column.fk ? 'FK' : null, column.unique && !column.pk ? 'UK' : null].filter(Boolean);
      const notes = [column.nullable ? 'nullable' : null, column.default !== null ? 'default' : null, node.stub ? 'stub' : null]
        .filter(Boolean)
        .join(', ');
      const parts = [`    ${attrType(column.type)}`, mermaidName(column.name)];
      if (keys.length > 0) parts.push(keys.join(', '));
      if (notes) parts.push(`"${label(notes)}"`);
      lines.push(parts.join(' '));
    }
    lines.push('  }');
  }
  for (const edge of graph.edges) lines.push(relationship(edge, names));
  return `${lines.join('\n')}\n`;
}
