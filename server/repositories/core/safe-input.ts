/**
 * Input reaches MongoDB only through here: plain data (no class instances other than Date), no key that the
 * driver or the query language would interpret (`$…`, dotted paths) or that rewrites prototypes, then a Zod
 * parse whose result must not have silently dropped anything the caller sent (unknown fields are errors even
 * when a schema was written as a stripping `z.object`).
 */
import type { z } from "zod";
import { ValidationError, type FieldIssue } from "../errors";

const forbiddenKeys = new Set(["__proto__", "constructor", "prototype"]);
const maxDepth = 32;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function keyProblem(key: string): string | undefined {
  if (key.startsWith("$")) return `Field names may not start with "$" (${JSON.stringify(key)})`;
  if (key.includes(".")) return `Field names may not contain "." (${JSON.stringify(key)})`;
  if (forbiddenKeys.has(key)) return `Field name ${JSON.stringify(key)} is not allowed`;
  if (key.includes("\0")) return "Field names may not contain NUL characters";
  return undefined;
}

/** Collects every unsafe key or value at any depth. */
export function findUnsafeInput(value: unknown, path: (string | number)[] = [], issues: FieldIssue[] = []): FieldIssue[] {
  if (path.length > maxDepth) {
    issues.push({ path, message: "The data is nested too deeply", code: "too_deep" });
    return issues;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findUnsafeInput(item, [...path, index], issues));
    return issues;
  }
  if (value === null || value instanceof Date) return issues;
  if (typeof value === "object") {
    if (!isPlainObject(value)) {
      issues.push({ path, message: "Only plain data is accepted here", code: "invalid_type" });
      return issues;
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === "symbol") {
        issues.push({ path, message: "Symbol keys are not allowed", code: "unrecognized_keys" });
        continue;
      }
      const problem = keyProblem(key);
      if (problem) issues.push({ path: [...path, key], message: problem, code: "unrecognized_keys" });
      else findUnsafeInput(value[key], [...path, key], issues);
    }
    return issues;
  }
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
    issues.push({ path, message: "Only plain data is accepted here", code: "invalid_type" });
  }
  return issues;
}

export function assertSafeInput(value: unknown, what = "The data"): void {
  const issues = findUnsafeInput(value);
  if (issues.length > 0) throw new ValidationError(`${what} contains fields that are not allowed`, issues);
}

/** Keys the caller sent (with a defined value) that the parse dropped. */
function findDroppedKeys(input: unknown, output: unknown, path: (string | number)[], issues: FieldIssue[]): void {
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((item, index) => findDroppedKeys(item, output[index], [...path, index], issues));
    return;
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return;
  for (const key of Object.keys(input)) {
    if (input[key] === undefined) continue;
    if (!Object.hasOwn(output, key)) {
      issues.push({ path: [...path, key], message: `Unknown field ${JSON.stringify(key)}`, code: "unrecognized_keys" });
    } else {
      findDroppedKeys(input[key], output[key], [...path, key], issues);
    }
  }
}

/** Safe-keys check, Zod parse, unknown-field check; throws ValidationError with every issue found. */
export function parseStrict<S extends z.ZodType>(schema: S, input: unknown, what = "The data"): z.output<S> {
  assertSafeInput(input, what);
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, `${what} is not valid`);
  const dropped: FieldIssue[] = [];
  findDroppedKeys(input, result.data, [], dropped);
  if (dropped.length > 0) throw new ValidationError(`${what} has unknown fields`, dropped);
  return result.data;
}

/** Deep copy without `undefined` values: what is stored is exactly what a later read returns. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item)) as T;
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) copy[key] = withoutUndefined(item);
    }
    return copy as T;
  }
  return value;
}
