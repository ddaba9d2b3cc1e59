import ELK from 'elkjs/lib/elk.bundled.js';
import { appSchemaModel } from './shared/erd/app-schema';
import { buildGraph } from './shared/erd/build-graph';
import { nodeSize } from './renderer/src/features/erd/geometry';
const elk = new ELK();
const g = buildGraph(appSchemaModel(), null, 'all');
const layered = { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.spacing.nodeNode': '30', 'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.thoroughness': '3', 'elk.padding': '[top=40,left=16,bottom=16,right=16]', 'elk.edgeRouting': 'POLYLINE' };
const domains = [...new Set(g.nodes.map(n=>n.domain))];
const graph = { id: 'root', layoutOptions: { 'elk.algorithm': 'rectpacking', 'elk.spacing.nodeNode': '50', 'elk.aspectRatio': '1.7', 'elk.rectpacking.trybox': 'false' },
  children: domains.map(d => ({ id: 'group:'+d, layoutOptions: layered,
    children: g.nodes.filter(n=>n.domain===d).map(n => ({ id: n.id, ...nodeSize(n) })),
    edges: g.edges.filter(e => g.nodes.find(n=>n.id===e.from)?.domain===d && g.nodes.find(n=>n.id===e.to)?.domain===d && e.from!==e.to).map(e => ({ id: e.id, sources: [e.to], targets: [e.from] })) })) };
for (let i=0;i<4;i++){ const t=performance.now(); const r = await elk.layout(structuredClone(graph)); console.log('ms', (performance.now()-t).toFixed(1), r.width, r.height); if (i===3) for (const c of r.children!) console.log(c.id, c.x, c.y, c.width, c.height); }
const flat = { id: 'root', layoutOptions: { ...layered, 'elk.padding': '[top=0,left=0,bottom=0,right=0]' }, children: g.nodes.map(n => ({ id: n.id, ...nodeSize(n) })), edges: g.edges.filter(e=>e.from!==e.to).map(e => ({ id: e.id, sources: [e.to], targets: [e.from] })) };
for (let i=0;i<4;i++){ const t=performance.now(); await elk.layout(structuredClone(flat)); console.log('flat ms', (performance.now()-t).toFixed(1)); }
const box = structuredClone(graph); box.layoutOptions = { 'elk.algorithm': 'box', 'elk.spacing.nodeNode': '50', 'elk.aspectRatio': '1.7' } as never;
for (let i=0;i<4;i++){ const t=performance.now(); const r = await elk.layout(structuredClone(box)); console.log('box ms', (performance.now()-t).toFixed(1), r.width, r.height); }
const lowt = structuredClone(box); for (const c of lowt.children) c.layoutOptions = { ...layered, 'elk.layered.thoroughness': '1' } ;
for (let i=0;i<4;i++){ const t=performance.now(); const r = await elk.layout(structuredClone(lowt)); console.log('box thor1 ms', (performance.now()-t).toFixed(1), r.width, r.height); }
