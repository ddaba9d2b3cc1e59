/**
 * Small SQL text helpers for the preflight lint. Not a parser: just enough lexing to keep
 * comments, string literals and dollar-quoted bodies (`DO $$ BEGIN ... END $$`) from being
 * mistaken for commands, and to find the commands inside one drizzle statement chunk.
 */

/** drizzle-kit's separator; drizzle's migrator splits on it verbatim (`migrator.js`). */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/** Splits a migration file exactly as drizzle's `readMigrationFiles` does: no trimming, no filtering. */
export function splitStatements(fileSql: string): string[] {
  return fileSql.split(STATEMENT_BREAKPOINT);
}

export interface Command {
  /** The command with comments removed and literals/bodies masked, whitespace collapsed, upper-cased. */
  masked: string;
  /** The command's original text (comments removed), for literal searches and excerpts. */
  text: string;
}

/**
 * Splits one chunk into commands on top-level semicolons. In `masked`, string literals become
 * `''`, dollar-quoted bodies `$$ $$` and quoted identifiers keep their text (they name tables).
 */
export function commandsOf(chunk: string): Command[] {
  const commands: Command[] = [];
  let masked = '';
  let text = '';
  let i = 0;
  const flush = () => {
    const m = masked.replace(/\s+/g, ' ').trim();
    if (m.length > 0) commands.push({ masked: m.toUpperCase(), text: text.trim() });
    masked = '';
    text = '';
  };
  while (i < chunk.length) {
    const ch = chunk[i]!;
    const next = chunk[i + 1];
    if (ch === '-' && next === '-') {
      const end = chunk.indexOf('\n', i);
      i = end === -1 ? chunk.length : end;
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < chunk.length && depth > 0) {
        if (chunk[j] === '/' && chunk[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (chunk[j] === '*' && chunk[j + 1] === '/') {
          depth--;
          j += 2;
        } else j++;
      }
      masked += ' ';
      text += ' ';
      i = j;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < chunk.length) {
        if (chunk[j] === "'" && chunk[j + 1] === "'") j += 2;
        else if (chunk[j] === "'") break;
        else j++;
      }
      masked += "''";
      text += chunk.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < chunk.length) {
        if (chunk[j] === '"' && chunk[j + 1] === '"') j += 2;
        else if (chunk[j] === '"') break;
        else j++;
      }
      const quoted = chunk.slice(i, j + 1);
      masked += quoted;
      text += quoted;
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(chunk.slice(i));
      if (tag) {
        const close = chunk.indexOf(tag[0], i + tag[0].length);
        const end = close === -1 ? chunk.length : close + tag[0].length;
        masked += ' $$ $$ ';
        text += chunk.slice(i, end);
        i = end;
        continue;
      }
    }
    if (ch === ';') {
      flush();
      i++;
      continue;
    }
    masked += ch;
    text += ch;
    i++;
  }
  flush();
  return commands;
}

export interface TableRef {
  schema?: string;
  table: string;
}

const ident = `(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const qualifiedName = String.raw`(${ident})(?:\s*\.\s*(${ident}))?`;

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name.toLowerCase();
}

/** `"a"."b"` / `a.b` / `b` (from the original text, so quoted case is kept). */
export function parseTableRef(first: string, second: string | undefined): TableRef {
  return second ? { schema: unquote(first), table: unquote(second) } : { table: unquote(first) };
}

const tablePatterns: RegExp[] = [
  new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:${ident}\s+)?ON\s+(?:ONLY\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*UPDATE\s+(?:ONLY\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*DELETE\s+FROM\s+(?:ONLY\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*LOCK\s+(?:TABLE\s+)?(?:ONLY\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?${qualifiedName}`, 'i'),
  new RegExp(String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+${ident}\s+.*?\s+ON\s+${qualifiedName}`, 'is'),
  new RegExp(String.raw`^\s*CREATE\s+POLICY\s+${ident}\s+ON\s+${qualifiedName}`, 'i'),
];

/** The table a command locks, when it is one of the commands that lock an existing table. */
export function lockedTable(commandText: string): TableRef | undefined {
  for (const pattern of tablePatterns) {
    const m = pattern.exec(commandText);
    if (m?.[1]) return parseTableRef(m[1], m[2]);
  }
  return undefined;
}

/** First line(s) of a statement for messages: comments dropped, whitespace collapsed. */
export function excerpt(sql: string, max = 160): string {
  const flat = commandsOf(sql)
    .map((c) => c.text)
    .join('; ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
