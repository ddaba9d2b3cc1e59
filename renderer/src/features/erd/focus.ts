import type { ErdEdge } from '../../../../shared/erd/types';

/** Tables within `hops` edges of `start`, edges taken in either direction. */
export function neighborhood(edges: readonly Pick<ErdEdge, 'from' | 'to'>[], start: string, hops: number): Set<string> {
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const e of edges) {
      for (const [a, b] of [
        [e.from, e.to],
        [e.to, e.from],
      ] as const) {
        if (frontier.includes(a) && !seen.has(b)) {
          seen.add(b);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/** Case-insensitive substring search over table names; exact matches first. */
export function searchTables(tables: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits = tables.filter((t) => t.toLowerCase().includes(q));
  return hits.sort((a, b) => Number(b.toLowerCase() === q) - Number(a.toLowerCase() === q) || a.length - b.length || a.localeCompare(b));
}
