/**
 * The owner's side of "hidden by policy?" (ISO-06): the 0-row DELETE / UPDATE rewritten as the
 * `select count(*)` of the rows it would match, so it can run in a READ ONLY transaction. This
 * is a hint, not a guard: the server's READ ONLY transaction refuses anything that writes or
 * calls nextval, whatever this rewrite produces. Shapes it does not know give `undefined`.
 */
export function ownerCountSql(sql: string): string | undefined {
  const text = sql.trim().replace(/;\s*$/, '');
  const words = topLevelWords(text);
  const at = (w: string, from = 0) => words.find((t, i) => i >= from && t.word === w);
  const first = words[0]?.word;
  if (first === 'delete' && words[1]?.word === 'from') {
    const end = at('returning')?.start ?? text.length;
    const using = at('using');
    const target = text.slice(words[1].end, using && using.start < end ? using.start : end);
    const rest = using && using.start < end ? `, ${text.slice(using.end, end)}` : '';
    return `select count(*) as n from ${target}${rest}`;
  }
  if (first === 'update') {
    const setIndex = words.findIndex((t) => t.word === 'set');
    if (setIndex < 1) return undefined;
    const set = words[setIndex]!;
    const end = at('returning', setIndex)?.start ?? text.length;
    const from = at('from', setIndex);
    const where = at('where', setIndex);
    const target = text.slice(words[0]!.end, set.start);
    const fromList = from && from.start < end ? text.slice(from.end, where && where.start > from.start ? where.start : end) : '';
    const condition = where && where.start < end ? text.slice(where.start, end) : '';
    return `select count(*) as n from ${target}${fromList ? `, ${fromList}` : ''} ${condition}`;
  }
  return undefined;
}

interface Word {
  word: string;
  start: number;
  end: number;
}

/** Words outside parentheses, literals, quoted names and comments (PostgreSQL's rules for each). */
function topLevelWords(text: string): Word[] {
  const out: Word[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && next === '*') {
      let nest = 1;
      i += 2;
      while (i < text.length && nest > 0) {
        const pair = text.slice(i, i + 2);
        if (pair === '/*' || pair === '*/') {
          nest += pair === '/*' ? 1 : -1;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && !(text[i] === c && text[i + 1] !== c)) i += text[i] === c ? 2 : text[i] === '\\' && c === "'" ? 2 : 1;
      i++;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))![0];
      const close = text.indexOf(tag, i + tag.length);
      i = close < 0 ? text.length : close + tag.length;
    } else if (c === '(' || c === ')') {
      depth += c === '(' ? 1 : -1;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_$]/.test(text[i]!)) i++;
      if (depth === 0) out.push({ word: text.slice(start, i).toLowerCase(), start, end: i });
    } else i++;
  }
  return out;
}
