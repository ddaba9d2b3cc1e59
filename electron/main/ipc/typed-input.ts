/**
 * Text the person typed into a call: the SQL of the console, EXPLAIN, compare and write checks
 * (every contract names it `sql`) and the "View as" user id (`userId`). Error redaction leaves
 * these alone: an error about the user's own statement must quote it as typed, even when a
 * known password or a bound value happens to occur in it (ERR-01). Nothing else is exempt.
 */
const typedKeys = new Set(['sql', 'userId']);

export function typedTextOf(input: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' && typedKeys.has(key) && inner.length > 0) found.push(inner);
      else visit(inner, depth + 1);
    }
  };
  visit(input, 0);
  return found;
}
