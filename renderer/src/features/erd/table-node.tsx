import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ErdColumn, ErdNode } from '../../../../shared/erd/types';
import { shortType } from './geometry';
import { handleId, type TableFlowNode } from './to-flow';

// A table as a React Flow node. Every name is rendered as a React text child (SEC-10): never
// through innerHTML, never as markup.

const driftLabels: Record<string, string> = {
  'schema-only': 'missing in database',
  'live-only': 'not in schema',
  differs: 'differs from schema',
};

function Handles({ column }: { column: string }) {
  return (
    <>
      <Handle type="target" position={Position.Left} id={handleId(column, 'l', 't')} isConnectable={false} />
      <Handle type="source" position={Position.Left} id={handleId(column, 'l', 's')} isConnectable={false} />
      <Handle type="target" position={Position.Right} id={handleId(column, 'r', 't')} isConnectable={false} />
      <Handle type="source" position={Position.Right} id={handleId(column, 'r', 's')} isConnectable={false} />
    </>
  );
}

function ColumnRow({ table, column, linked, showDrift }: { table: string; column: ErdColumn; linked: boolean; showDrift: boolean }) {
  const drift = showDrift ? column.drift : null;
  const title = [
    `${column.name} ${column.type}`,
    column.nullable ? 'nullable' : 'NOT NULL',
    column.default !== null ? `default ${column.default}` : null,
    drift ? `drift: ${driftLabels[drift]}${column.driftNote ? ` — ${column.driftNote}` : ''}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <li className={`erd-col${drift ? ` drift-${drift}` : ''}`} data-testid={`erd.column.${table}.${column.name}`} title={title}>
      {linked ? <Handles column={column.name} /> : null}
      <span className="erd-col-key">
        {column.pk ? <span className="erd-mark pk">PK</span> : null}
        {column.fk ? <span className="erd-mark fk">FK</span> : null}
      </span>
      <span className="erd-col-name">{column.name}</span>
      <span className="erd-col-flags">
        {column.unique ? <span className="erd-flag" title="unique">U</span> : null}
        {column.default !== null ? <span className="erd-flag" title={`default ${column.default}`}>D</span> : null}
        {column.nullable ? <span className="erd-flag nullable" title="nullable">?</span> : null}
      </span>
      <span className="erd-col-type">{shortType(column.type)}</span>
    </li>
  );
}

/** Partitioned (with its folded partitions), foreign, INHERITS child: said on the node. */
function KindMarks({ node }: { node: ErdNode }) {
  return (
    <>
      {node.kind === 'partitioned' ? (
        <span className="erd-kind" data-testid={`erd.node.${node.id}.partitions`} title={`Partitioned table: ${node.partitions} partitions folded into it`}>
          partitioned · {node.partitions}
        </span>
      ) : null}
      {node.kind === 'foreign' ? (
        <span className="erd-kind" data-testid={`erd.node.${node.id}.foreign`} title="Foreign table (data lives on another server)">
          foreign
        </span>
      ) : null}
      {node.inheritsFrom.length > 0 ? (
        <span className="erd-kind" data-testid={`erd.node.${node.id}.inherits`} title={`INHERITS ${node.inheritsFrom.join(', ')}`}>
          inherits {node.inheritsFrom.join(', ')}
        </span>
      ) : null}
    </>
  );
}

function RlsBadges({ node }: { node: ErdNode }) {
  const p = node.rls.policies;
  const commands = (['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL'] as const).filter((k) => p[k] > 0);
  const total = commands.reduce((sum, k) => sum + p[k], 0);
  return (
    <div className="erd-badges" data-testid={`erd.node.${node.table}.rls`}>
      <span className={`erd-badge ${node.rls.enabled ? 'rls-on' : 'rls-off'}`} title={node.rls.enabled ? 'Row-level security enabled' : 'Row-level security disabled'}>
        {node.rls.enabled ? 'RLS' : 'no RLS'}
      </span>
      {node.rls.forced ? (
        <span className="erd-badge rls-forced" title="FORCE ROW LEVEL SECURITY: the owner is subject to policies too">
          forced
        </span>
      ) : null}
      {commands.map((k) => (
        <span key={k} className="erd-badge policy" title={`${p[k]} ${k} ${p[k] === 1 ? 'policy' : 'policies'}`}>
          {k === 'ALL' ? 'ALL' : k[0]}
          <b>{p[k]}</b>
        </span>
      ))}
      {node.rls.enabled && total === 0 ? (
        <span className="erd-badge warn" title="RLS is on but no policy exists: every non-owner sees nothing">
          no policy
        </span>
      ) : null}
    </div>
  );
}

function CompactTable({ node, testId, classes }: { node: ErdNode; testId: string; classes: string }) {
  const policies = Object.values(node.rls.policies).reduce((a, b) => a + b, 0);
  return (
    <div className={`${classes} compact`} data-testid={testId} data-stub={node.stub ? 'true' : 'false'} title={node.table}>
      <Handles column="" />
      <div className="erd-compact-title">{node.table}</div>
      <div className="erd-compact-meta">
        {node.stub ? node.domain : `${node.columns.length} columns · ${node.rls.enabled ? `RLS, ${policies} policies` : 'no RLS'}`}
      </div>
    </div>
  );
}

function TableNodeView({ data }: NodeProps<TableFlowNode>) {
  const { node, emphasis, match, showDrift, linked, compact } = data;
  const linkedSet = new Set(linked);
  const drift = showDrift ? node.drift : null;
  const classes = ['erd-node', node.stub ? 'stub' : '', `em-${emphasis}`, match ? 'match' : '', drift ? `drift-${drift}` : '', showDrift && node.driftCount > 0 ? 'has-drift' : '']
    .filter(Boolean)
    .join(' ');
  const testId = `erd.node.${node.domain}.${node.table}`;
  if (compact) return <CompactTable node={node} testId={testId} classes={classes} />;
  return (
    <div className={classes} data-testid={testId} data-stub={node.stub ? 'true' : 'false'}>
      <Handles column="" />
      <header className="erd-node-header" title={node.stub ? `${node.table} (domain ${node.domain})` : node.table}>
        {/* Outside `public` the schema is part of the name: two schemas may both have a `customer`. */}
        <span className="erd-node-title">{node.schema !== 'public' ? `${node.schema}.${node.table}` : node.table}</span>
        {node.stub ? <span className="erd-node-domain">{node.domain}</span> : null}
        <KindMarks node={node} />
        {showDrift && node.driftCount > 0 ? (
          <span className="erd-drift-count" title={drift ? driftLabels[drift] : `${node.driftCount} drift findings`}>
            {drift ? driftLabels[drift] : `drift ${node.driftCount}`}
          </span>
        ) : null}
      </header>
      {node.stub ? null : <RlsBadges node={node} />}
      <ul className="erd-cols">
        {node.columns.map((c) => (
          <ColumnRow key={c.name} table={node.table} column={c} linked={linkedSet.has(c.name)} showDrift={showDrift} />
        ))}
      </ul>
    </div>
  );
}

export const TableNode = memo(TableNodeView);
