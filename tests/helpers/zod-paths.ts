/** Walks Zod schemas by dotted paths ("a.b[].c"), for tests that hold the catalogue and the schemas together. */
import { z } from "zod";

export function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPipe) {
    s = (s instanceof z.ZodPipe ? s.in : s.unwrap()) as z.ZodType;
  }
  return s;
}

/** The object variants of a schema (one for an object, each object option of a union). */
function objectVariants(schema: z.ZodType | undefined): z.ZodObject[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return [s];
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap((o) => objectVariants(o));
  return [];
}

/** Resolves a dotted path in a Zod schema, unwrapping optional/nullable/default and choosing union variants. */
export function schemaAt(schema: z.ZodType, path: string): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const raw of path.split(".")) {
    const isArray = raw.endsWith("[]");
    const key = isArray ? raw.slice(0, -2) : raw;
    const variant = objectVariants(current).find((o) => key in o.shape);
    if (!variant) return undefined;
    current = (variant.shape as Record<string, z.ZodType>)[key];
    if (isArray) {
      current = unwrap(current);
      current = current instanceof z.ZodArray ? (current.element as z.ZodType) : undefined;
    }
  }
  return current;
}

/**
 * Every leaf path of an object schema: primitives, enums, arrays of primitives; arrays of objects yield their
 * columns as `table[].column`. `skip` names keys that are structure, not data (e.g. "status").
 */
export function leafPaths(schema: z.ZodType, skip: ReadonlySet<string> = new Set(), prefix = ""): string[] {
  const variants = objectVariants(schema);
  if (variants.length === 0) return prefix ? [prefix] : [];
  const keys = new Set(variants.flatMap((v) => Object.keys(v.shape)));
  return [...keys].flatMap((key) => {
    if (skip.has(key)) return [];
    const child = variants.map((v) => (v.shape as Record<string, z.ZodType>)[key]).find(Boolean);
    const path = prefix ? `${prefix}.${key}` : key;
    const inner = unwrap(child);
    if (inner instanceof z.ZodArray) {
      const element = inner.element as z.ZodType;
      return objectVariants(element).length > 0 ? leafPaths(element, skip, `${path}[]`) : [path];
    }
    return objectVariants(inner).length > 0 ? leafPaths(inner!, skip, path) : [path];
  });
}
