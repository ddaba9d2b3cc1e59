import fc from 'fast-check';
import type { z } from 'zod';
import { arbitraryFor } from './zod-arbitrary';

/**
 * Near-miss invalid inputs for a Zod 4 schema (SEC-07): a VALID sample (zod-arbitrary.ts) with
 * exactly one place broken the way a buggy or hostile page would break it, chosen from what the
 * schema says about that place: one over a max length or range, a missing required key, the
 * wrong type, an enum value that is almost right, a prototype-polluting object. Results are
 * filtered through the schema, so every value is one it REJECTS.
 */
export function nearMissFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc
    .tuple(arbitraryFor(schema), fc.nat(), fc.nat())
    .map(([valid, sitePick, wrongPick]) => {
      const sites = collectSites(schema, valid, []);
      const site = sites[sitePick % sites.length]!;
      const wrong = wrongValuesFor(site.schema, site.value, site.required);
      return setAt(valid, site.path, wrong[wrongPick % wrong.length]);
    })
    .filter((value) => !schema.safeParse(value).success);
}

/** Marks "remove this key" in a mutation. */
const MISSING = Symbol('missing');

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number } } }[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default/pipe wrappers, and whether a value is required. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; required: boolean } {
  let inner = schema;
  let required = true;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional' || def.type === 'default') required = false;
    if (['optional', 'nullable', 'default'].includes(def.type) && def.innerType) inner = def.innerType;
    else if (def.type === 'pipe' && def.in) inner = def.in;
    else return { inner, required };
  }
}

interface Site {
  path: (string | number)[];
  schema: z.ZodType;
  value: unknown;
  required: boolean;
}

function collectSites(schema: z.ZodType, value: unknown, path: (string | number)[], required = true): Site[] {
  const { inner } = unwrap(schema);
  const sites: Site[] = [{ path, schema: inner, value, required }];
  const def = defOf(inner);
  if (def.type === 'object' && value && typeof value === 'object') {
    for (const [key, sub] of Object.entries(def.shape ?? {})) {
      sites.push(...collectSites(sub, (value as Record<string, unknown>)[key], [...path, key], unwrap(sub).required));
    }
  } else if (def.type === 'array' && Array.isArray(value) && def.element) {
    for (const [i, item] of value.entries()) sites.push(...collectSites(def.element, item, [...path, i]));
  } else if (def.type === 'union' && value !== undefined) {
    // Follow the branch the valid value took.
    const branch = (def.options ?? []).find((option) => option.safeParse(value).success);
    if (branch) sites.push(...collectSites(branch, value, path, required).slice(1));
  }
  return sites;
}

function bound(def: Def, check: string, key: 'minimum' | 'maximum' | 'value'): number | undefined {
  for (const c of def.checks ?? []) if (c._zod.def.check === check) return c._zod.def[key];
  return undefined;
}

function wrongValuesFor(schema: z.ZodType, value: unknown, required: boolean): unknown[] {
  const def = defOf(schema);
  const polluted = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
  const common: unknown[] = [null, polluted, ['x'], { toString: 'x' }];
  if (required) common.push(MISSING);
  switch (def.type) {
    case 'string': {
      const max = bound(def, 'max_length', 'maximum');
      const min = bound(def, 'min_length', 'minimum');
      return [
        ...common,
        42,
        true,
        ...(max !== undefined ? ['x'.repeat(max + 1)] : ['x'.repeat(100_000)]),
        ...(min !== undefined && min > 0 ? ['x'.repeat(min - 1)] : []),
        `${String(value ?? '')}\u0000`,
        `${String(value ?? '')}'; drop table canary; --`,
      ];
    }
    case 'number': {
      const max = bound(def, 'less_than', 'value');
      const min = bound(def, 'greater_than', 'value');
      return [...common, '1', Number.NaN, Number.POSITIVE_INFINITY, 0.5, (max ?? 1e15) + 1, (min ?? -1e15) - 1, 2 ** 53 + 2];
    }
    case 'boolean':
      return [...common, 'true', 1, 0];
    case 'enum': {
      const first = String(Object.values(def.entries ?? {})[0] ?? '');
      return [...common, `${first} `, first.toUpperCase() === first ? `${first}x` : first.toUpperCase(), '', 0];
    }
    case 'literal':
      return [...common, `${String(def.values?.[0])}x`, 1];
    case 'object':
      return [...common, [], 'x', 1, {}];
    case 'array':
      return [...common, {}, 'x', [Symbol.for('x')], Array.from({ length: 10_001 }, () => value)];
    default:
      return [...common, Symbol.for('x'), () => 1, BigInt(1)];
  }
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === MISSING ? undefined : replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === MISSING) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
