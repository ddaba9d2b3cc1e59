import { useState } from 'react';
import type { ColumnMeta } from '../../../../shared/ipc/contracts/records';
import { type Filter, type FilterOp, opArity, opLabels, opsForKind } from '../../../../shared/records/filter';
import { textProblem } from '../../../../shared/records/text';

interface Props {
  columns: ColumnMeta[];
  filters: Filter[];
  onChange: (filters: Filter[]) => void;
}

function filterLabel(f: Filter): string {
  const arity = opArity(f.op);
  if (arity === 0) return `${f.column} ${opLabels[f.op]}`;
  if (arity === 2) return `${f.column} between ${f.value} and ${f.value2}`;
  if (arity === 'list') return `${f.column} in (${(f.values ?? []).join(', ')})`;
  return `${f.column} ${opLabels[f.op]} ${f.value}`;
}

/** Type-aware filters: the operators offered depend on the column's kind; all run in SQL, bound. */
export function FilterBar({ columns, filters, onChange }: Props) {
  const [column, setColumn] = useState(columns[0]?.name ?? '');
  const meta = columns.find((c) => c.name === column) ?? columns[0];
  const ops = opsForKind(meta?.kind ?? 'text');
  const [op, setOp] = useState<FilterOp>(ops[0]!);
  const [value, setValue] = useState('');
  const [value2, setValue2] = useState('');
  const currentOp = ops.includes(op) ? op : ops[0]!;
  const arity = opArity(currentOp);
  const problem = textProblem(value) ?? textProblem(value2);

  const add = () => {
    if (!meta || problem) return;
    const filter: Filter = { column: meta.name, op: currentOp };
    if (arity === 1) filter.value = value;
    if (arity === 2) {
      filter.value = value;
      filter.value2 = value2;
    }
    if (arity === 'list') filter.values = value.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
    onChange([...filters, filter]);
    setValue('');
    setValue2('');
  };

  return (
    <div className="filter-bar" data-testid="data.filter">
      <select data-testid="data.filter.column" value={meta?.name ?? ''} onChange={(e) => setColumn(e.target.value)}>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      <select data-testid="data.filter.op" value={currentOp} onChange={(e) => setOp(e.target.value as FilterOp)}>
        {ops.map((o) => (
          <option key={o} value={o}>
            {opLabels[o]}
          </option>
        ))}
      </select>
      {arity !== 0 ? (
        meta?.kind === 'enum' && arity === 1 ? (
          <select data-testid="data.filter.value" value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">—</option>
            {(meta.enumValues ?? []).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        ) : (
          <input
            type="text"
            data-testid="data.filter.value"
            placeholder={arity === 'list' ? 'a, b, c' : 'value'}
            value={value}
            aria-invalid={problem ? 'true' : undefined}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && add()}
          />
        )
      ) : null}
      {arity === 2 ? <input type="text" data-testid="data.filter.value2" placeholder="and" value={value2} onChange={(e) => setValue2(e.target.value)} /> : null}
      <button type="button" className="small" data-testid="data.filter.add" disabled={Boolean(problem)} onClick={add}>
        Add filter
      </button>
      {problem ? <span className="field-error">{problem}</span> : null}
      <div className="filter-chips">
        {filters.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two identical filters are allowed; position is the identity.
          <span key={`${f.column}-${i}`} className="chip" data-testid={`data.filter.chip.${i}`}>
            {filterLabel(f)}
            <button type="button" className="chip-x" aria-label="Remove filter" data-testid={`data.filter.remove.${i}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>
              ×
            </button>
          </span>
        ))}
      </div>
    </div>
  );
}
