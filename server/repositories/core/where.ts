/**
 * Caller filters: a closed vocabulary (field → scalar, or one of a few comparisons) over the fields a
 * collection declares filterable. Whatever arrives — typed or not — is checked at run time and translated into
 * a MongoDB filter by this module only, so no operator, dotted path or foreign field can come from input.
 */
import { ObjectId } from "mongodb";
import { ValidationError, type FieldIssue } from "../errors";
import type { CollectionDefinition, FilterableField, RecordMeta, StoredFields } from "./define-collection";
import { isPlainObject } from "./safe-input";

export type Scalar = string | number | boolean | Date | null;

export interface Comparison<T> {
  eq?: T;
  ne?: T;
  in?: readonly T[];
  nin?: readonly T[];
  gt?: T;
  gte?: T;
  lt?: T;
  lte?: T;
}

export type Condition<T> = T | Comparison<T>;

type FieldValue<D extends CollectionDefinition, K> = K extends keyof RecordMeta
  ? RecordMeta[K]
  : K extends keyof StoredFields<D>
    ? StoredFields<D>[K]
    : never;

/** Scalar part of a field's type; object-valued fields cannot be filtered on. */
type FilterValue<T> = Extract<T, Scalar> | (undefined extends T ? null : never);

export type Where<D extends CollectionDefinition> = {
  [K in FilterableField<D>]?: Condition<FilterValue<FieldValue<D, K>>>;
};

const comparisonOperators = {
  eq: "$eq",
  ne: "$ne",
  in: "$in",
  nin: "$nin",
  gt: "$gt",
  gte: "$gte",
  lt: "$lt",
  lte: "$lte",
} as const;

type ComparisonName = keyof typeof comparisonOperators;

const maxListLength = 1000;
const maxStringLength = 2000;

function isComparisonName(key: string): key is ComparisonName {
  return Object.hasOwn(comparisonOperators, key);
}

function scalarProblem(value: unknown): string | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (typeof value === "string") return value.length <= maxStringLength ? undefined : "is too long";
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "must be a finite number";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "is not a valid date" : undefined;
  return "must be a string, number, boolean, date or null";
}

/** `id` values are ObjectId hex strings; anything else can match nothing. */
function toObjectIdOrNull(value: unknown): ObjectId | null {
  return typeof value === "string" && /^[0-9a-f]{24}$/i.test(value) ? new ObjectId(value) : null;
}

function translateValue(field: string, value: unknown): unknown {
  if (field !== "id") return value;
  // An id that cannot exist becomes an ObjectId that no document has (all-zero), keeping the filter's shape.
  return toObjectIdOrNull(value) ?? new ObjectId("000000000000000000000000");
}

/** Allowed field names: the collection's filterable fields plus the queryable meta fields. */
export function filterableFieldsOf(definition: CollectionDefinition): ReadonlySet<string> {
  return new Set<string>([...definition.filterable, "id", "createdAt", "updatedAt", "createdBy", "updatedBy", "version"]);
}

/**
 * Translates a caller filter into a list of MongoDB conditions (to be ANDed with the tenant condition).
 * Throws ValidationError naming every offending field.
 */
export function translateWhere(definition: CollectionDefinition, where: unknown): Record<string, unknown>[] {
  if (where === undefined || where === null) return [];
  if (!isPlainObject(where)) throw ValidationError.single(["where"], "The filter must be an object");
  const allowed = filterableFieldsOf(definition);
  const issues: FieldIssue[] = [];
  const conditions: Record<string, unknown>[] = [];

  for (const field of Reflect.ownKeys(where)) {
    if (typeof field !== "string" || !allowed.has(field)) {
      issues.push({
        path: ["where", String(field)],
        message: `Cannot filter ${definition.entity} records on ${JSON.stringify(String(field))}`,
        code: "unrecognized_keys",
      });
      continue;
    }
    const target = field === "id" ? "_id" : field;
    const condition = where[field];
    if (condition === undefined) continue;

    if (!isPlainObject(condition) && !Array.isArray(condition)) {
      const problem = scalarProblem(condition);
      if (problem) issues.push({ path: ["where", field], message: `Filter value ${problem}`, code: "invalid_type" });
      else conditions.push({ [target]: { $eq: translateValue(field, condition) } });
      continue;
    }
    if (!isPlainObject(condition)) {
      issues.push({ path: ["where", field], message: "Use { in: [...] } to match a list", code: "invalid_type" });
      continue;
    }
    const translated: Record<string, unknown> = {};
    const comparisonNames = Reflect.ownKeys(condition);
    if (comparisonNames.length === 0) {
      issues.push({ path: ["where", field], message: "Empty comparison", code: "invalid_type" });
    }
    for (const name of comparisonNames) {
      if (typeof name !== "string" || !isComparisonName(name)) {
        issues.push({
          path: ["where", field, String(name)],
          message: `Unsupported comparison ${JSON.stringify(String(name))}`,
          code: "unrecognized_keys",
        });
        continue;
      }
      const operand = condition[name];
      if (name === "in" || name === "nin") {
        if (!Array.isArray(operand) || operand.length > maxListLength) {
          issues.push({ path: ["where", field, name], message: `Expected a list of at most ${maxListLength} values`, code: "invalid_type" });
          continue;
        }
        const problems = operand.map(scalarProblem).filter((problem) => problem !== undefined);
        if (problems.length > 0) {
          issues.push({ path: ["where", field, name], message: `Every value ${problems[0]}`, code: "invalid_type" });
          continue;
        }
        translated[comparisonOperators[name]] = operand.map((item) => translateValue(field, item));
        continue;
      }
      const problem = scalarProblem(operand);
      if (problem) {
        issues.push({ path: ["where", field, name], message: `Filter value ${problem}`, code: "invalid_type" });
        continue;
      }
      translated[comparisonOperators[name]] = translateValue(field, operand);
    }
    conditions.push({ [target]: translated });
  }

  if (issues.length > 0) throw new ValidationError("The filter is not valid", issues);
  return conditions;
}
