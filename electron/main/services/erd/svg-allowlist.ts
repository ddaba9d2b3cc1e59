import { fail } from '../../db/errors';

/**
 * ISO-08: the SVG the renderer sends for a diagram export is written only if it is made of the
 * few elements and attributes the diagram builder (renderer/src/features/erd/export-image.ts)
 * emits. This is an allow-list, not a blacklist: anything unknown is refused, which covers
 * `<script>`, `<foreignObject>`, `on*` event attributes, `href`/`xlink:href` (so no
 * `javascript:`, `data:` or external links), `style`, comments, CDATA, DOCTYPE and entities in
 * one rule. A refused file is never written; the error says what was found.
 */

/** Presentation attributes accepted on every allowed element. */
const presentation = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'text-decoration',
  'transform',
  'opacity',
];

const allowed: Record<string, ReadonlySet<string>> = {
  svg: new Set(['xmlns', 'width', 'height', 'viewBox', ...presentation]),
  title: new Set<string>(),
  g: new Set(presentation),
  rect: new Set(['x', 'y', 'width', 'height', 'rx', 'ry', ...presentation]),
  path: new Set(['d', ...presentation]),
  text: new Set(['x', 'y', 'dx', 'dy', ...presentation]),
  tspan: new Set(['x', 'y', 'dx', 'dy', ...presentation]),
};

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Numbers, colours, path data, `translate(…)`, quoted font names: no colon, `&`, `;` or `<`. */
const safeValue = /^[A-Za-z0-9 #.,'%()-]*$/;
const entity = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)/;
const prolog = /^<\?xml version="1\.0"(?: encoding="UTF-8")?\?>/;
const openTag = /^<([A-Za-z][A-Za-z0-9:._-]*)/;
const attribute = /^\s+([A-Za-z_:][A-Za-z0-9:._-]*)\s*=\s*"([^"<]*)"/;
const tagEnd = /^\s*(\/?)>/;
const closeTag = /^<\/([A-Za-z][A-Za-z0-9:._-]*)\s*>/;

function refuse(reason: string): never {
  fail('validation', `The SVG export was refused: ${reason}.`, { code: 'svg_not_allowed' });
}

const shown = (name: string) => JSON.stringify(name.slice(0, 40));

function checkValue(element: string, name: string, value: string): void {
  if (name === 'xmlns') {
    if (value !== SVG_NS) refuse(`xmlns must be ${SVG_NS}`);
    return;
  }
  if (!safeValue.test(value) || /url\s*\(|expression\s*\(/i.test(value)) {
    refuse(`attribute ${shown(name)} on <${element}> has a value outside the allowed characters`);
  }
}

/** Throws a classified `validation` error unless `svg` is a document the allow-list accepts. */
export function checkSvg(svg: string): void {
  let rest = svg.trim();
  const head = prolog.exec(rest);
  if (head) rest = rest.slice(head[0].length).trimStart();
  const stack: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    if (rest.startsWith('</')) {
      const m = closeTag.exec(rest);
      if (!m) refuse('a malformed closing tag');
      if (stack.pop() !== m[1]) refuse(`closing tag ${shown(m[1]!)} does not match`);
      rest = rest.slice(m[0].length);
      continue;
    }
    if (rest.startsWith('<!') || rest.startsWith('<?')) refuse('comments, CDATA, DOCTYPE and processing instructions are not allowed');
    if (rest.startsWith('<')) {
      const m = openTag.exec(rest);
      if (!m) refuse('a malformed tag');
      const name = m[1]!;
      const attrs = allowed[name];
      if (!attrs || !Object.hasOwn(allowed, name)) refuse(`element <${shown(name)}> is not allowed`);
      if (stack.length === 0 && (name !== 'svg' || ++roots > 1)) refuse('the document must be one <svg> element');
      rest = rest.slice(m[0].length);
      const seen = new Set<string>();
      for (let a = attribute.exec(rest); a; a = attribute.exec(rest)) {
        const [whole, attr, value] = a as unknown as [string, string, string];
        if (!attrs.has(attr)) refuse(`attribute ${shown(attr)} on <${name}> is not allowed`);
        if (seen.has(attr)) refuse(`attribute ${shown(attr)} appears twice`);
        seen.add(attr);
        checkValue(name, attr, value);
        rest = rest.slice(whole.length);
      }
      const end = tagEnd.exec(rest);
      if (!end) refuse(`a malformed <${name}> tag`);
      if (end[1] !== '/') stack.push(name);
      rest = rest.slice(end[0].length);
      continue;
    }
    const next = rest.indexOf('<');
    const text = next === -1 ? rest : rest.slice(0, next);
    if (stack.length === 0 && text.trim() !== '') refuse('text outside the <svg> element');
    if (entity.test(text)) refuse('only the predefined XML entities are allowed');
    rest = next === -1 ? '' : rest.slice(next);
  }
  if (stack.length > 0) refuse(`<${stack[stack.length - 1]}> is not closed`);
  if (roots !== 1) refuse('the document must be one <svg> element');
}
