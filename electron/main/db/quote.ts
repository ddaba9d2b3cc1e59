/**
 * The one function that quotes identifiers. Schema and table are always two identifiers:
 * postgres.js's `sql(name)` splits on dots (`a.b` -> "a"."b") and drizzle < 0.45.2 did not
 * escape `"` (CVE-2026-39356), so neither is used for catalog names.
 */
export function quoteIdent(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('identifier must be a non-empty string');
  if (name.includes('\u0000')) throw new TypeError('identifier contains NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
