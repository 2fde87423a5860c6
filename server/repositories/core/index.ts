export { defineCollection } from "./define-collection";
export type {
  CollectionDefinition,
  FilterableField,
  IndexSpec,
  InputFields,
  ParsedInput,
  RecordMeta,
  SortableField,
  StoredFields,
  StoredRecord,
  TenantMeta,
} from "./define-collection";
export { Repository, defaultListLimit, maxListLimit } from "./repository";
export type { Actor, DeriveContext, ListOptions, Page, RepositoryHooks } from "./repository";
export { DataScope, organizationIdSchema } from "./scope";
export type { ScopeOptions } from "./scope";
export { ensureIndexes } from "./indexes";
export type { Where, Condition, Comparison, Scalar } from "./where";
export type { SortSpec, SortDirection } from "./cursor";
export { translateDriverError } from "./driver-errors";
