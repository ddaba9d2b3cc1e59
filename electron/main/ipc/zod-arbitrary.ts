import fc from 'fast-check';
import type { z } from 'zod';

/**
 * A fast-check arbitrary derived from a Zod 4 schema, for fuzzing every IPC channel with
 * inputs its own contract accepts (SEC-07). Covers the kinds the contract uses; results are
 * filtered through the schema, so a refinement the generator does not model only costs retries.
 */
export function arbitraryFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  return build(schema).filter((value) => schema.safeParse(value).success);
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; pattern?: RegExp; format?: string } } }[];
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function build(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const entries = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, build(v)]));
      const optionalKeys = Object.entries(shape)
        .filter(([, v]) => ['optional', 'default'].includes(defOf(v).type))
        .map(([k]) => k);
      const required = Object.keys(shape).filter((k) => !optionalKeys.includes(k));
      return fc.record(entries, { requiredKeys: required });
    }
    case 'optional':
      return fc.option(build(def.innerType!), { nil: undefined });
    case 'nullable':
      return fc.option(build(def.innerType!), { nil: null });
    case 'default':
      return build(def.innerType!);
    case 'array':
      return fc.array(build(def.element!), { maxLength: 5 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map(build));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return numberArb(def);
    case 'string':
      return stringArb(def);
    case 'pipe':
      return build(def.in!);
    case 'intersection':
      return fc.tuple(build(def.left!), build(def.right!)).map(([a, b]) => ({ ...(a as object), ...(b as object) }));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 });
    case 'unknown':
    case 'any':
      return fc.jsonValue();
    default:
      return fc.anything();
  }
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let int = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'greater_than' && d.value !== undefined) min = Math.max(min, d.value);
    if (d.check === 'less_than' && d.value !== undefined) max = Math.min(max, d.value);
    if (d.check === 'number_format') int = true;
  }
  return int ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

function stringArb(def: Def): fc.Arbitrary<string> {
  let minLength = 0;
  let maxLength = 40;
  let pattern: RegExp | undefined;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && d.minimum !== undefined) minLength = d.minimum;
    if (d.check === 'max_length' && d.maximum !== undefined) maxLength = Math.min(maxLength, d.maximum);
    if (d.check === 'string_format' && d.pattern) pattern = d.pattern;
  }
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= Math.max(maxLength, minLength));
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength), unit: 'grapheme' });
}
