/**
 * A collection is declared once, as a value: its name, the Zod schema of what it stores, what callers may give,
 * which fields may be filtered and sorted on, its indexes, and whether it belongs to one organization. Every
 * type the repositories use is derived from these schemas.
 */
import type { z } from "zod";
import type { RecordMeta as PublishedRecordMeta } from "../../../schemas/record";

/** Fields the repository owns on every record (schemas/record.ts); callers can read them but never set them. */
export type RecordMeta = Omit<PublishedRecordMeta, "organizationId">;

export interface TenantMeta {
  organizationId: string;
}

/** The record meta names plus the database's `_id` (schemas/record.ts SERVER_SET_FIELDS, as a literal type). */
export const metaFieldNames = [
  "_id",
  "id",
  "organizationId",
  "version",
  "createdAt",
  "updatedAt",
  "createdBy",
  "updatedBy",
] as const satisfies readonly (keyof PublishedRecordMeta | "_id")[];

export type MetaFieldName = (typeof metaFieldNames)[number];

/** Meta fields that may appear in `where` and `sort` of every collection. */
export const queryableMetaFields = ["id", "createdAt", "updatedAt", "createdBy", "updatedBy", "version"] as const;
export type QueryableMetaField = (typeof queryableMetaFields)[number];

export interface IndexSpec<Field extends string = string> {
  /** Stable name: duplicate-key errors are recognised by it. */
  name: string;
  /** Keys in order. */
  key: Partial<Record<Field | "organizationId" | "_id" | MetaFieldName, 1 | -1>>;
  unique?: boolean;
  partialFilterExpression?: Record<string, unknown>;
  /** TTL index: the database deletes a document this many seconds after the (date) key field's value. */
  expireAfterSeconds?: number;
  /** What a user is told when a write would break this unique index. */
  duplicateMessage?: string;
}

export type AnyObjectSchema = z.ZodObject;

export interface CollectionDefinition<
  Stored extends AnyObjectSchema = AnyObjectSchema,
  Input extends AnyObjectSchema = AnyObjectSchema,
  Tenant extends boolean = boolean,
  Filterable extends string = string,
  Sortable extends string = string,
> {
  readonly name: string;
  /** Human name of one record, used in error messages ("Report"). */
  readonly entity: string;
  /** What a stored document holds besides the repository's meta fields (it declares none of them). */
  readonly schema: Stored;
  /** What callers may give on create/update (defaults to `schema`); the rest is derived by the repository. */
  readonly inputSchema: Input;
  readonly tenantScoped: Tenant;
  readonly filterable: readonly Filterable[];
  readonly sortable: readonly Sortable[];
  readonly indexes: readonly IndexSpec[];
}

export type StoredFields<D extends CollectionDefinition> = z.output<D["schema"]>;
export type InputFields<D extends CollectionDefinition> = z.input<D["inputSchema"]>;
export type ParsedInput<D extends CollectionDefinition> = z.output<D["inputSchema"]>;

/** A record as repositories return it. */
export type StoredRecord<D extends CollectionDefinition> = Omit<StoredFields<D>, MetaFieldName> &
  RecordMeta &
  (D["tenantScoped"] extends true ? TenantMeta : unknown);

export type FilterableField<D extends CollectionDefinition> =
  | (D extends CollectionDefinition<AnyObjectSchema, AnyObjectSchema, boolean, infer F> ? F : never)
  | QueryableMetaField;

export type SortableField<D extends CollectionDefinition> =
  | (D extends CollectionDefinition<AnyObjectSchema, AnyObjectSchema, boolean, string, infer S> ? S : never)
  | "id"
  | "createdAt"
  | "updatedAt";

export function defineCollection<
  Stored extends AnyObjectSchema,
  Tenant extends boolean,
  Input extends AnyObjectSchema = Stored,
  const Filterable extends keyof z.output<Stored> & string = never,
  const Sortable extends keyof z.output<Stored> & string = never,
>(definition: {
  name: string;
  entity: string;
  schema: Stored;
  inputSchema?: Input;
  tenantScoped: Tenant;
  filterable?: readonly Filterable[];
  sortable?: readonly Sortable[];
  indexes: readonly IndexSpec<(keyof z.output<Stored> & string) | "organizationId">[];
}): CollectionDefinition<Stored, Input, Tenant, Filterable, Sortable> {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(definition.name)) {
    throw new Error(`Collection name ${JSON.stringify(definition.name)} must be a plain identifier`);
  }
  const declaredMeta = metaFieldNames.filter((name) => name in definition.schema.shape);
  if (declaredMeta.length > 0) {
    throw new Error(
      `${definition.name}: the stored schema declares ${declaredMeta.join(", ")}; the repository owns the record ` +
        "meta fields (publish records with tenantRecordSchema/globalRecordSchema from schemas/record.ts)",
    );
  }
  return Object.freeze({
    name: definition.name,
    entity: definition.entity,
    schema: definition.schema,
    inputSchema: (definition.inputSchema ?? definition.schema) as Input,
    tenantScoped: definition.tenantScoped,
    filterable: Object.freeze([...(definition.filterable ?? [])]),
    sortable: Object.freeze([...(definition.sortable ?? [])]),
    indexes: Object.freeze([...definition.indexes, defaultListIndex(definition.tenantScoped)]) as readonly IndexSpec[],
  });
}

/** Serves the default list order (newest first) and its cursor without scanning. */
function defaultListIndex(tenantScoped: boolean): IndexSpec {
  return tenantScoped
    ? { name: "organizationId_createdAt", key: { organizationId: 1, createdAt: -1, _id: -1 } }
    : { name: "createdAt", key: { createdAt: -1, _id: -1 } };
}
