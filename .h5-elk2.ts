import ELK from 'elkjs/lib/elk.bundled.js';
const elk = new ELK();
const N=500;
const nodes = Array.from({length:N},(_,i)=>({id:'n'+i,width:264,height:30+22+7*20+6}));
const edges:any[]=[];
for (let i=1;i<N;i++){ edges.push({id:'e'+i, sources:['n'+Math.floor(i/3)], targets:['n'+i]}); if (i>7 && i%4===0) edges.push({id:'f'+i, sources:['n'+((i*37+11)%i)], targets:['n'+i]}); }
const base = { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.edgeRouting': 'POLYLINE', 'elk.spacing.nodeNode': '32', 'elk.layered.spacing.nodeNodeBetweenLayers': '80','elk.layered.thoroughness':'1' };
const variants: Record<string, Record<string,string>> = {
  bkSep: { ...base, 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.separateConnectedComponents': 'true', 'elk.aspectRatio': '1.6' },
  bkModel: { ...base, 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
  simpleSep: { ...base, 'elk.layered.nodePlacement.strategy': 'SIMPLE', 'elk.separateConnectedComponents': 'true', 'elk.aspectRatio': '1.6' },
  bk: { ...base, 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' },
};
for (const [name, opts] of Object.entries(variants)) {
  const times=[]; let r:any;
  for (let i=0;i<3;i++){ const t=performance.now(); try { r = await elk.layout({id:'root', layoutOptions: opts, children: structuredClone(nodes), edges: structuredClone(edges)}); } catch(e){ console.log(name,'ERR',String(e).slice(0,100)); break;} times.push(performance.now()-t); }
  console.log(name, times.map(t=>t.toFixed(0)).join(' '), r?.width?.toFixed(0), r?.height?.toFixed(0));
}
