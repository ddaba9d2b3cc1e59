import { z } from 'zod';
import { textProblem } from './text';

// The grid's filter and sort model: plain data the renderer builds and main turns into SQL.
// Values travel as text (the same text the grid shows) and are always bound; main casts them to
// the column's type from the catalog, so "range on a timestamp" compares timestamps, not strings.

export const filterOps = [
  'eq',
  'neq',
  'contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isNull',
  'notNull',
  'in',
  'isTrue',
  'isFalse',
] as const;
export const FilterOpSchema = z.enum(filterOps);
export type FilterOp = z.infer<typeof FilterOpSchema>;

/** A filter value: text without NUL or lone surrogates (PostgreSQL could not store or compare it). */
export const FilterValueSchema = z
  .string()
  .max(10_000)
  .superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ColumnNameSchema = z.string().min(1).max(256);

export const FilterSchema = z.object({
  column: ColumnNameSchema,
  op: FilterOpSchema,
  value: FilterValueSchema.optional(),
  /** Upper bound of `between`. */
  value2: FilterValueSchema.optional(),
  /** Values of `in`. */
  values: z.array(FilterValueSchema).max(1000).optional(),
});
export type Filter = z.infer<typeof FilterSchema>;

export const SortSchema = z.object({
  column: ColumnNameSchema,
  direction: z.enum(['asc', 'desc']),
});
export type Sort = z.infer<typeof SortSchema>;

/** Which operators make sense for a column kind (the filter bar offers only these). */
export function opsForKind(kind: string): FilterOp[] {
  const common: FilterOp[] = ['isNull', 'notNull'];
  switch (kind) {
    case 'boolean':
      return ['isTrue', 'isFalse', ...common];
    case 'enum':
      return ['eq', 'neq', 'in', ...common];
    case 'number':
    case 'datetime':
    case 'date':
    case 'time':
    case 'interval':
      return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', ...common];
    case 'json':
      return ['contains', ...common];
    case 'bytea':
      return ['eq', ...common];
    default:
      return ['contains', 'eq', 'neq', 'in', 'gt', 'lt', ...common];
  }
}

export const opLabels: Record<FilterOp, string> = {
  eq: '=',
  neq: '≠',
  contains: 'contains',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
  isNull: 'is null',
  notNull: 'is not null',
  in: 'in',
  isTrue: 'is true',
  isFalse: 'is false',
};

/** Which operators need a value, two values or a list. */
export function opArity(op: FilterOp): 0 | 1 | 2 | 'list' {
  if (op === 'isNull' || op === 'notNull' || op === 'isTrue' || op === 'isFalse') return 0;
  if (op === 'between') return 2;
  if (op === 'in') return 'list';
  return 1;
}

/**
 * `contains` is an ILIKE on one column with the user's text taken literally: `%`, `_` and the
 * escape character itself are escaped, so "50%" finds "50%" and not "500".
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * A PostgreSQL array literal of text elements, every element quoted. Bound as ONE text parameter
 * and cast in SQL, so both drivers send exactly the same bytes (their own array serialisers differ).
 */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (m) => `\\${m}`)}"`).join(',')}}`;
}
