import type { Catalog, CatalogTable } from '../catalog';
import type { ErdGraph, ErdNode } from './types';

// Markdown documentation of one diagram: every table with its columns, keys, indexes, RLS state
// and policies with their USING / WITH CHECK SQL. Names are user data: every one goes through
// `code()` or `cell()`, so a name with pipes, backticks or HTML cannot break the document.

/** An inline code span that survives backticks inside the text. */
export function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A table cell: pipes escaped, no line breaks, HTML-significant characters as entities. */
function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|');
}

function fencedSql(sql: string): string {
  const longest = Math.max(2, ...(sql.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}sql\n${sql}\n${fence}`;
}

function rlsLine(node: ErdNode): string {
  const p = node.rls.policies;
  const counts = (Object.keys(p) as (keyof typeof p)[]).filter((k) => p[k] > 0).map((k) => `${k} ${p[k]}`);
  const state = node.rls.enabled ? `enabled${node.rls.forced ? ', forced' : ', not forced'}` : 'disabled';
  return `Row-level security: **${state}**; policies: ${counts.length > 0 ? counts.join(', ') : 'none'}.`;
}

function tableSection(node: ErdNode, graph: ErdGraph, live: CatalogTable | undefined): string[] {
  const out = [`### ${code(node.table)}`, ''];
  if (node.drift === 'schema-only') out.push('> Drift: defined in the schema, **missing in the database**.', '');
  if (node.drift === 'live-only') out.push('> Drift: exists in the database, **not defined in the schema**.', '');
  out.push(rlsLine(node), '');
  out.push('| Column | Type | Null | Default | Key |', '|---|---|---|---|---|');
  for (const c of node.columns) {
    const keys = [c.pk ? 'PK' : '', c.fk ? 'FK' : '', c.unique ? 'UNIQUE' : ''].filter(Boolean).join(' ');
    const drift = c.drift ? ` (drift: ${c.drift})` : '';
    out.push(`| ${cell(c.name)}${drift} | ${cell(c.type)} | ${c.nullable ? 'yes' : 'no'} | ${cell(c.default ?? '')} | ${keys} |`);
  }
  out.push('');
  const outgoing = graph.edges.filter((e) => e.from === node.id);
  if (outgoing.length > 0) {
    out.push('**References**', '');
    for (const e of outgoing) {
      const rel = e.relations.length > 0 ? `; relations ${e.relations.map(code).join(', ')}` : '';
      const del = e.onDelete ? `, on delete ${e.onDelete}` : '';
      out.push(`- ${e.fromColumns.map(code).join(', ')} → ${code(`${e.to}(${e.toColumns.join(', ')})`)} (${e.source}${del}${rel})`);
    }
    out.push('');
  }
  if (live && live.indexes.length > 0) {
    out.push('**Indexes**', '');
    for (const i of live.indexes) out.push(`- ${code(i.name)}: ${code(i.definition)}`);
    out.push('');
  }
  if (live && live.policies.length > 0) {
    out.push('**Policies**', '');
    for (const p of live.policies) {
      out.push(`#### ${code(p.name)}`, '', `${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${p.roles.map(code).join(', ')}`, '');
      if (p.using !== null) out.push('USING', '', fencedSql(p.using), '');
      if (p.withCheck !== null) out.push('WITH CHECK', '', fencedSql(p.withCheck), '');
    }
  }
  return out;
}

export function toMarkdown(graph: ErdGraph, catalog: Catalog | null): string {
  const title = graph.domain === 'all' ? 'All domains' : `Domain ${code(graph.domain)}`;
  const own = graph.nodes.filter((n) => !n.stub);
  const stubs = graph.nodes.filter((n) => n.stub);
  const out = [`# ${title}`, '', `${own.length} tables, ${graph.edges.length} references. Source: ${graph.live ? 'the live database and the Drizzle schema' : 'the Drizzle schema only'}.`, ''];
  if (stubs.length > 0) out.push(`Referenced from other domains: ${stubs.map((s) => `${code(s.table)} (${cell(s.domain)})`).join(', ')}.`, '');
  if (graph.drift.length > 0) {
    out.push('## Drift', '');
    for (const d of graph.drift) out.push(`- ${code(d.table)} ${d.kind} ${d.side}: ${cell(d.message)}`);
    out.push('');
  }
  if (graph.unresolvedRelations.length > 0) out.push(`Unresolved relations: ${graph.unresolvedRelations.map(code).join(', ')}.`, '');
  out.push('## Tables', '');
  for (const node of own) {
    out.push(...tableSection(node, graph, catalog?.tables.find((t) => t.name === node.table)));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
