import { z } from 'zod';

/**
 * Walks an operation's zod input shape the way the AWS model describes one: each member with its
 * type and constraints, so tests can compare them with the model's (botocore's service-2.json).
 */

export interface MemberFacts {
  /** `$.UserAttributes[].Name`, `$.ClientMetadata{key}`. */
  path: string;
  /** A blob is a base64 string whose max counts the decoded bytes. */
  type: 'string' | 'blob' | 'integer' | 'boolean' | 'list' | 'map' | 'structure' | 'enum' | 'document' | 'other';
  min?: number;
  max?: number;
  enum?: string[];
  /** Structure members, when a structure. */
  members?: Record<string, MemberFacts>;
  /** List element / map value, and map key. */
  element?: MemberFacts;
  key?: MemberFacts;
  pattern?: string;
}

type Def = { type: string; [k: string]: unknown };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function lengthChecks(def: Def): { min?: number; max?: number; pattern?: string } {
  const out: { min?: number; max?: number; pattern?: string } = {};
  for (const check of (def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []) {
    const d = check._zod.def;
    if (d.check === 'min_length' || d.check === 'greater_than') out.min = (d.minimum as number) ?? (d.value as number);
    if (d.check === 'max_length' || d.check === 'less_than') out.max = (d.maximum as number) ?? (d.value as number);
    if (d.check === 'string_format' && d.format === 'regex') out.pattern = String(d.pattern);
  }
  return out;
}

export function describeShape(schema: z.ZodType, path = '$'): MemberFacts {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return describeShape(def.innerType as z.ZodType, path);
    case 'pipe': {
      const blob = z.globalRegistry.get(schema) as { maxBytes?: number } | undefined;
      if (blob?.maxBytes !== undefined) return { path, type: 'blob', max: blob.maxBytes };
      return describeShape(def.in as z.ZodType, path);
    }
    case 'string':
      return { path, type: 'string', ...lengthChecks(def) };
    case 'number': {
      const n = schema as unknown as { minValue: number | null; maxValue: number | null };
      return {
        path,
        type: 'integer',
        ...(n.minValue !== null && Number.isFinite(n.minValue) && Math.abs(n.minValue) < 2 ** 53 - 1 ? { min: n.minValue } : {}),
        ...(n.maxValue !== null && Number.isFinite(n.maxValue) && Math.abs(n.maxValue) < 2 ** 53 - 1 ? { max: n.maxValue } : {}),
      };
    }
    case 'boolean':
      return { path, type: 'boolean' };
    case 'enum':
      return { path, type: 'enum', enum: Object.values(def.entries as Record<string, string>) };
    case 'array':
      return { path, type: 'list', ...lengthChecks(def), element: describeShape(def.element as z.ZodType, `${path}[]`) };
    case 'record': {
      const size = z.globalRegistry.get(schema) as { minSize?: number; maxSize?: number } | undefined;
      return {
        path,
        type: 'map',
        ...(size?.minSize !== undefined ? { min: size.minSize } : {}),
        ...(size?.maxSize !== undefined ? { max: size.maxSize } : {}),
        key: describeShape(def.keyType as z.ZodType, `${path}{key}`),
        element: describeShape(def.valueType as z.ZodType, `${path}{value}`),
      };
    }
    case 'object': {
      const members: Record<string, MemberFacts> = {};
      for (const [name, member] of Object.entries(def.shape as Record<string, z.ZodType>)) members[name] = describeShape(member, `${path}.${name}`);
      return { path, type: 'structure', members };
    }
    case 'unknown':
    case 'any':
      return { path, type: 'document' };
    default:
      return { path, type: 'other' };
  }
}

/** Every member of a described shape, depth first. */
export function* membersOf(facts: MemberFacts): Generator<MemberFacts> {
  yield facts;
  for (const m of Object.values(facts.members ?? {})) yield* membersOf(m);
  if (facts.key) yield* membersOf(facts.key);
  if (facts.element) yield* membersOf(facts.element);
}
