import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { ErdGraph } from '../../../shared/erd/types';
import { quoteIdent } from '../db/quote';
import { describeRouterOnEachDriver } from '../testing/router-each-driver';

/**
 * ISO-08: exports of hostile data. Table and column names and cell values carry spreadsheet
 * formulas and SVG/HTML payloads; they reach the CSV exporter and the diagram exporter through
 * the real router on both drivers. Expected files are written out by hand below.
 */
const table = '<script>alert(1)</script>=1+1';
const columns = ['id', "=cmd|' /C calc'!A0", '+sum(1)', '@x onload=alert(1)', '<foreignObject>', '-xlink:href="javascript:alert(1)"', 'n'];

describeRouterOnEachDriver('ISO-08: hostile exports through the router', ({ t, connectionId, db }) => {
  beforeAll(async () => {
    const [id, a, b, c, d, e, n] = columns.map(quoteIdent);
    await db().query(`drop table if exists ${quoteIdent(table)}`);
    await db().query(`create table ${quoteIdent(table)} (${id} int primary key, ${a} text, ${b} text, ${c} text, ${d} text, ${e} text, ${n} numeric)`);
    await db().query(
      `insert into ${quoteIdent(table)} values (1, '=1+1', '+1', '@SUM(A1)', '<script>alert(1)</script>', '-1+2', -5), (2, E'\\t=1', E'\\r=1', 'plain', '" onload="alert(1)', '-', 1.5)`,
    );
  });

  const exportCsv = async (rawValues?: boolean) => {
    const out = await t().call<{ path: string; rows: number }>('records.export', {
      connectionId: connectionId(),
      table,
      format: 'csv',
      ...(rawValues === undefined ? {} : { rawValues }),
    });
    expect(out.rows).toBe(2);
    return readFile(out.path, 'utf8');
  };

  it('ISO-08: CSV cells a spreadsheet would evaluate get a leading quote by default (names too); numbers and plain text stay', async () => {
    expect(await exportCsv()).toBe(
      [
        `id,'=cmd|' /C calc'!A0,'+sum(1),'@x onload=alert(1),<foreignObject>,"'-xlink:href=""javascript:alert(1)""",n`,
        `1,'=1+1,'+1,'@SUM(A1),<script>alert(1)</script>,'-1+2,-5`,
        `2,'\t=1,"'\r=1",plain,""" onload=""alert(1)",'-,1.5`,
        '',
      ].join('\r\n'),
    );
  });

  it('ISO-08: with rawValues the same cells are written exactly as stored', async () => {
    expect(await exportCsv(true)).toBe(
      [
        `id,=cmd|' /C calc'!A0,+sum(1),@x onload=alert(1),<foreignObject>,"-xlink:href=""javascript:alert(1)""",n`,
        `1,=1+1,+1,@SUM(A1),<script>alert(1)</script>,-1+2,-5`,
        `2,"\t=1","\r=1",plain,""" onload=""alert(1)",-,1.5`,
        '',
      ].join('\r\n'),
    );
  });

  it('ISO-08: the diagram SVG of the hostile table is written, with every name as text and no active content', async () => {
    const graph = await t().call<ErdGraph>('erd.graph', { connectionId: connectionId(), domain: 'all' });
    const node = graph.nodes.find((x) => x.table === table);
    expect(node?.columns.map((c) => c.name)).toEqual(columns);
    const positions = new Map(graph.nodes.map((x, i) => [x.id, { x: (i % 10) * 300, y: Math.floor(i / 10) * 400 }]));
    // The renderer's own builder; loaded at run time because its .tsx imports are outside tsconfig.node.
    const builder = '../../../renderer/src/features/erd/export-image';
    const { buildSvg } = (await import(/* @vite-ignore */ builder)) as { buildSvg: (g: ErdGraph, p: Map<string, { x: number; y: number }>) => string };
    const svg = buildSvg(graph, positions);
    const out = await t().call<{ path: string; bytes: number }>('erd.export', { connectionId: connectionId(), domain: 'all', format: 'svg', content: svg });
    const written = await readFile(out.path!, 'utf8');
    expect(written).toBe(svg.trim());
    expect(written).toContain('&lt;script&gt;alert(1)&lt;/script&gt;=1+1');
    expect(written).toContain('&lt;foreignObject&gt;');
    // Every real tag (names are escaped, so `<…>` in the file are tags) is free of active content.
    const tags = written.match(/<[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(10);
    const active = tags.filter((tag) => /<\/?(script|foreignObject|a|image|use|iframe|set|animate)\b|\son[a-z]+\s*=|href|javascript:|data:|style=/i.test(tag));
    expect(active).toEqual([]);
  });

  const NS = 'xmlns="http://www.w3.org/2000/svg"';
  const hostile: [string, string][] = [
    ['script element', `<svg ${NS}><script>alert(1)</script></svg>`],
    ['script element, upper case', `<svg ${NS}><SCRIPT>alert(1)</SCRIPT></svg>`],
    ['script element, prefixed', `<svg ${NS} xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>`],
    ['onload attribute', `<svg ${NS} onload="alert(1)"></svg>`],
    ['onclick with spaces', `<svg ${NS}><rect onclick = "alert(1)"/></svg>`],
    ['single-quoted event attribute', `<svg ${NS}><rect x='1' onload='alert(1)'/></svg>`],
    ['foreignObject', `<svg ${NS}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`],
    ['xlink:href javascript', `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`],
    ['data: image', `<svg ${NS}><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`],
    ['external use', `<svg ${NS}><use href="https://evil.example/x.svg#a"/></svg>`],
    ['url() paint', `<svg ${NS}><rect fill="url(https://evil.example/x)"/></svg>`],
    ['style attribute', `<svg ${NS}><rect style="fill:url(javascript:alert(1))"/></svg>`],
    ['animation setting an event', `<svg ${NS}><set attributeName="onmouseover" to="alert(1)"/></svg>`],
    ['comment', `<svg ${NS}><!-- x --><text>a</text></svg>`],
    ['doctype with entity', `<!DOCTYPE svg [<!ENTITY x "y">]><svg ${NS}><text>&x;</text></svg>`],
    ['undefined entity', `<svg ${NS}><text>&x;</text></svg>`],
    ['content after the root', `<svg ${NS}></svg><script>alert(1)</script>`],
    ['foreign namespace', '<svg xmlns="http://evil.example/ns"></svg>'],
    ['unclosed element', `<svg ${NS}><g>`],
    ['not svg at all', '<html><body onload="alert(1)"></body></html>'],
  ];

  it('ISO-08: an SVG outside the allow-list is refused with a classified error and nothing is written', async () => {
    const exportsDir = join(t().dir, 'exports');
    const before = await readdir(exportsDir).catch(() => []);
    for (const [what, content] of hostile) {
      const error = await t().callError('erd.export', { connectionId: connectionId(), domain: 'all', format: 'svg', content });
      expect({ what, kind: error.kind, code: error.code, message: error.message }).toMatchObject({
        what,
        kind: 'validation',
        code: 'svg_not_allowed',
        message: expect.stringMatching(/^The SVG export was refused: /),
      });
    }
    expect(await readdir(exportsDir).catch(() => [])).toEqual(before);
    // The control: a plain document with escaped markup in its text is accepted.
    const ok = await t().call<{ path: string }>('erd.export', { connectionId: connectionId(), domain: 'all', format: 'svg', content: `<svg ${NS}><text x="1" y="2">&lt;script&gt;</text></svg>` });
    expect(await readFile(ok.path, 'utf8')).toContain('&lt;script&gt;');
  });
});
