/**
 * A small lexer for what the console is asked to run: it finds top-level statement boundaries
 * and the words outside literals and comments, so that "one statement per run" and the refusal
 * of transaction-control / role / session statements cannot be dodged with a quote, a comment
 * or a dollar-quoted body. It does not parse SQL; the server does that. What it refuses is only
 * what would outlive the run on a pooled connection or end rlsDb's transaction (RLS-05).
 */

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'symbol';
  /** Lower-cased for words, unquoted for identifiers, raw for strings and symbols. */
  text: string;
}

export interface Lexed {
  /** Statements (text between top-level semicolons), trimmed, without empty ones. */
  statements: string[];
  /** Tokens of each statement. */
  tokens: Token[][];
}

export function lexSql(sql: string): Lexed {
  const statements: string[] = [];
  const tokens: Token[][] = [];
  let current: Token[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  const push = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (current.length > 0 && text.length > 0) {
      statements.push(text);
      tokens.push(current);
    }
    current = [];
  };
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      while (i < n && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      // Block comments nest in PostgreSQL.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      continue;
    }
    if (c === "'" || ((c === 'e' || c === 'E') && next === "'")) {
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      let value = '';
      while (i < n) {
        const ch = sql[i] as string;
        if (escapes && ch === '\\') {
          value += sql[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (ch === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      current.push({ kind: 'string', text: value });
      continue;
    }
    if (c === '"') {
      i++;
      let value = '';
      while (i < n) {
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += sql[i];
        i++;
      }
      current.push({ kind: 'quoted', text: value });
      continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? n : close;
        current.push({ kind: 'string', text: sql.slice(i + tag[0].length, end) });
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j] as string)) j++;
      current.push({ kind: 'word', text: sql.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    if (c === ';') {
      push(i);
      start = i + 1;
      i++;
      continue;
    }
    if (!/\s/.test(c)) current.push({ kind: 'symbol', text: c });
    i++;
  }
  push(n);
  return { statements, tokens };
}

export type StatementKind = 'read' | 'write' | 'ddl' | 'other';

export interface Refusal {
  reason: 'multiple' | 'empty' | 'transaction' | 'role' | 'session';
  message: string;
}

export interface AnalyzedStatement {
  /** The single statement, without the trailing semicolon. */
  text: string;
  kind: StatementKind;
  /** Identifiers the statement names (unquoted lower-cased, quoted as written): receipt lookups. */
  identifiers: string[];
}

const transactionWords = new Set(['begin', 'start', 'commit', 'end', 'rollback', 'abort', 'savepoint', 'release', 'prepare']);
const writeWords = new Set(['insert', 'update', 'delete', 'merge']);
const ddlWords = new Set(['create', 'alter', 'drop', 'truncate', 'grant', 'revoke', 'comment', 'vacuum', 'analyze', 'reindex', 'cluster', 'refresh', 'lock', 'copy', 'call', 'do', 'import', 'security']);

/** One statement that may run, or the specific reason it may not. */
export function analyzeStatement(sql: string): AnalyzedStatement | Refusal {
  const { statements, tokens } = lexSql(sql);
  if (statements.length === 0) return { reason: 'empty', message: 'There is no statement to run.' };
  if (statements.length > 1) {
    return {
      reason: 'multiple',
      message: `One statement per run: this text holds ${statements.length} statements. Select or keep just one.`,
    };
  }
  const toks = tokens[0] as Token[];
  const words = toks.filter((t) => t.kind === 'word').map((t) => t.text);
  const first = words[0] ?? '';
  const second = words[1] ?? '';
  if (transactionWords.has(first) && !(first === 'prepare' && second !== 'transaction')) {
    return {
      reason: 'transaction',
      message:
        'Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, …) is not allowed in the console: each run is its own transaction, rolled back while impersonating unless you choose Commit.',
    };
  }
  if (
    ((first === 'set' || first === 'reset') && (words.includes('role') || words.includes('authorization'))) ||
    (first === 'set' && second === 'local' && words[2] === 'role')
  ) {
    return {
      reason: 'role',
      message: 'Changing the role or session authorization is not allowed in the console: use the "View as" switch to run as another identity.',
    };
  }
  if (first === 'set' || first === 'reset' || first === 'discard' || first === 'listen' || first === 'unlisten' || first === 'load') {
    return {
      reason: 'session',
      message: `${first.toUpperCase()} changes the session, which would outlive this run on a pooled connection; it is not allowed in the console.`,
    };
  }
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k] as Token;
    if (t.kind === 'word' && (t.text === 'set_config' || t.text === 'set_role') && toks[k + 1]?.text === '(') {
      return {
        reason: 'role',
        message: 'set_config() changes session settings (role, claims) and is not allowed in the console: use the "View as" switch.',
      };
    }
  }
  const text = (statements[0] as string).replace(/;\s*$/, '');
  return { text, kind: statementKind(words), identifiers: identifiersOf(toks) };
}

export function isRefusal(value: AnalyzedStatement | Refusal): value is Refusal {
  return 'reason' in value;
}

function statementKind(words: string[]): StatementKind {
  const first = words[0] ?? '';
  if (writeWords.has(first)) return 'write';
  if (first === 'with') return words.some((w) => writeWords.has(w)) ? 'write' : 'read';
  if (first === 'select' || first === 'table' || first === 'values' || first === 'show' || first === 'explain') {
    // SELECT ... INTO creates a table.
    return first === 'select' && words.includes('into') ? 'ddl' : 'read';
  }
  if (ddlWords.has(first)) return 'ddl';
  return 'other';
}

function identifiersOf(toks: Token[]): string[] {
  const out = new Set<string>();
  for (const t of toks) if (t.kind === 'word' || t.kind === 'quoted') out.add(t.text);
  return [...out].slice(0, 500);
}
