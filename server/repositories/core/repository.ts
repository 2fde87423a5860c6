/**
 * The generic repository: the only code that reads or writes application collections.
 *
 * A repository is bound to one organization (tenant-scoped collections) or to none (global collections), to
 * the acting user, and optionally to a transaction's session. The tenant condition is a top-level field of
 * every filter, beside (never inside) the caller's conditions, so nothing a caller passes can widen it.
 */
import { ObjectId, type ClientSession, type Collection, type Db, type Document, type Filter } from "mongodb";
import type { z } from "zod";
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from "../errors";
import { afterCursorCondition, decodeCursor, encodeCursor, type SortSpec } from "./cursor";
import {
  metaFieldNames,
  type MetaFieldName,
  type CollectionDefinition,
  type InputFields,
  type ParsedInput,
  type SortableField,
  type StoredRecord,
} from "./define-collection";
import { isRetryableTransactionError, translateDriverError } from "./driver-errors";
import { assertSafeInput, findUnsafeInput, isPlainObject, parseStrict, withoutUndefined } from "./safe-input";
import { translateWhere, type Where } from "./where";

export interface Actor {
  /** Clerk user id of whoever acts, or a "system:<task>" name for scripts. */
  userId: string;
  /** Organization role from the verified session, e.g. "org:admin". */
  role?: string;
}

/** What `derive`/`rewrite` produce: the stored document without the repository's meta fields. */
export type StoredFieldsInput<D extends CollectionDefinition> = Omit<z.input<D["schema"]>, MetaFieldName>;

export interface RepositoryBinding {
  db: Db;
  actor: Actor;
  /** Undefined only for global (not tenant-scoped) collections. */
  organizationId?: string;
  session?: ClientSession;
  /** Server-side time limit for reads, so a slow query cannot hold a request forever. */
  maxTimeMS?: number;
  /**
   * Called after every write reached the database (also when it failed: it may have been applied). DataScope
   * gives the organization's data a new epoch here (core/data-epoch.ts).
   */
  afterWrite?: () => Promise<void>;
}

export interface DeriveContext<D extends CollectionDefinition> {
  /** The record as stored before this write; undefined on create. */
  previous?: StoredRecord<D>;
  organizationId?: string;
  actor: Actor;
}

export interface RepositoryHooks<D extends CollectionDefinition> {
  /** Turns parsed caller input into the stored fields (server-computed fields are added here). */
  derive?: (input: ParsedInput<D>, context: DeriveContext<D>) => Promise<StoredFieldsInput<D>> | StoredFieldsInput<D>;
  /** Throws (usually ConflictError) when the record may not be changed by `update` in its current state. */
  assertUpdatable?: (current: StoredRecord<D>) => void;
  /** Throws when the record may not be deleted in its current state. */
  assertDeletable?: (current: StoredRecord<D>) => void;
}

export interface ListOptions<D extends CollectionDefinition> {
  where?: Where<D>;
  sort?: SortSpec<SortableField<D>>;
  /** 1..200, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The meta fields every record read carries (see schemas/record.ts). */
export interface RecordMetaView {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
  organizationId?: string;
}

export const defaultListLimit = 50;
export const maxListLimit = 200;
const defaultSort = { field: "createdAt", direction: "desc" } as const;
const metaNames = new Set<string>(metaFieldNames);

type StoredDocument = Document & { _id: ObjectId };

interface WriteMeta {
  _id: ObjectId;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}

export class Repository<D extends CollectionDefinition> {
  private readonly collection: Collection<StoredDocument>;
  private readonly inputFields: ReadonlySet<string>;

  constructor(
    readonly definition: D,
    private readonly binding: RepositoryBinding,
    private readonly hooks: RepositoryHooks<D> = {},
  ) {
    const scoped = binding.organizationId !== undefined;
    if (definition.tenantScoped && !scoped) {
      throw new Error(`${definition.name} is tenant-scoped: obtain it through forOrganization(...)`);
    }
    if (!definition.tenantScoped && scoped) {
      throw new Error(`${definition.name} is not tenant-scoped: obtain it through the global scope`);
    }
    this.collection = binding.db.collection<StoredDocument>(definition.name);
    this.inputFields = new Set(Object.keys(definition.inputSchema.shape));
  }

  get organizationId(): string | undefined {
    return this.binding.organizationId;
  }

  // ---- reads ------------------------------------------------------------------------------------------

  async find(id: string): Promise<StoredRecord<D> | null> {
    const objectId = toObjectId(id);
    if (!objectId) return null;
    const document = await this.run(() =>
      this.collection.findOne(this.scoped({ _id: objectId }), this.readOptions()),
    );
    return document ? this.toRecord(document) : null;
  }

  async get(id: string): Promise<StoredRecord<D>> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(this.definition.entity, id);
    return found;
  }

  async findOne(where: Where<D>): Promise<StoredRecord<D> | null> {
    const filter = this.filterFor(where);
    const document = await this.run(() => this.collection.findOne(filter, this.readOptions()));
    return document ? this.toRecord(document) : null;
  }

  async count(where?: Where<D>): Promise<number> {
    const filter = this.filterFor(where);
    return this.run(() => this.collection.countDocuments(filter, this.readOptions()));
  }

  async list(options: ListOptions<D> = {}): Promise<Page<StoredRecord<D>>> {
    const page = await this.listDocuments(options, undefined);
    return { items: page.items.map((document) => this.toRecord(document)), nextCursor: page.nextCursor };
  }

  /**
   * `list` reading only the given stored fields (dotted paths reach into sub-documents) and the meta fields:
   * for lists that show a few fields of large records. Items are partial records: id, meta fields and what
   * `fields` names.
   */
  async listFields(options: ListOptions<D>, fields: readonly string[]): Promise<Page<Record<string, unknown> & RecordMetaView>> {
    const projection: Record<string, 1> = {};
    for (const name of [...metaFieldNames.filter((name) => name !== "id"), ...fields]) projection[name] = 1;
    const page = await this.listDocuments(options, projection);
    return { items: page.items.map((document) => this.toRecord(document) as Record<string, unknown> & RecordMetaView), nextCursor: page.nextCursor };
  }

  private async listDocuments(options: ListOptions<D>, projection: Record<string, 1> | undefined): Promise<Page<StoredDocument>> {
    const limit = options.limit ?? defaultListLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxListLimit) {
      throw ValidationError.single(["limit"], `limit must be a whole number from 1 to ${maxListLimit}`);
    }
    const sort = this.validSort(options.sort);
    const storedField = sort.field === "id" ? "_id" : sort.field;
    const conditions = translateWhere(this.definition, options.where);
    if (options.cursor !== undefined && options.cursor !== null) {
      const position = decodeCursor(options.cursor, sort);
      conditions.push(afterCursorCondition(storedField, sort.direction, position.value, position.id));
    }
    const order: 1 | -1 = sort.direction === "asc" ? 1 : -1;
    const sortDocument = storedField === "_id" ? { _id: order } : { [storedField]: order, _id: order };
    // The cursor is made of the sort field: a projection always reads it.
    const readOptions = projection ? { ...this.readOptions(), projection: { ...projection, [storedField]: 1 } } : this.readOptions();
    const documents = await this.run(() =>
      this.collection
        .find(this.scopedAll(conditions), readOptions)
        .sort(sortDocument)
        .limit(limit + 1)
        .toArray(),
    );
    const hasMore = documents.length > limit;
    const page = hasMore ? documents.slice(0, limit) : documents;
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: hasMore && last ? encodeCursor(sort, last[storedField], last._id) : null,
    };
  }

  // ---- writes -----------------------------------------------------------------------------------------

  async create(input: InputFields<D>): Promise<StoredRecord<D>> {
    const parsed = this.parseInput(input);
    const meta = this.newRecordMeta(new Date());
    const stored = await this.storedFields(parsed, undefined);
    const document: StoredDocument = { ...stored, ...this.tenantFields(), ...meta };
    await this.write(() => this.collection.insertOne(document, { session: this.binding.session, checkKeys: true }));
    return this.toRecord(document);
  }

  /**
   * Changes the given top-level fields; the merged record is validated as a whole (cross-field rules) and
   * server-computed fields are derived again. Fails with ConflictError when `expectedVersion` is not the
   * stored version — nothing is overwritten.
   */
  async update(
    id: string,
    patch: Partial<InputFields<D>>,
    options: { expectedVersion: number },
  ): Promise<StoredRecord<D>> {
    this.assertPatch(patch);
    return this.replaceAt(id, options, async (current) => {
      this.hooks.assertUpdatable?.(current);
      const merged = { ...this.inputView(current), ...(patch as Record<string, unknown>) };
      return this.storedFields(this.parseInput(merged), current);
    });
  }

  /**
   * Replaces the stored fields of a record at `expectedVersion` with what `build` returns (validated against
   * the stored schema). For server-managed fields such as a status; callers' edits go through `update`.
   */
  async rewrite(
    id: string,
    options: { expectedVersion: number },
    build: (current: StoredRecord<D>) => Promise<StoredFieldsInput<D>> | StoredFieldsInput<D>,
  ): Promise<StoredRecord<D>> {
    return this.replaceAt(id, options, async (current) => this.parseStored(await build(current)));
  }

  private async replaceAt(
    id: string,
    options: { expectedVersion: number },
    build: (current: StoredRecord<D>) => Promise<Document>,
  ): Promise<StoredRecord<D>> {
    const { expectedVersion } = options;
    assertVersion(expectedVersion);
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw this.staleVersion(id, expectedVersion, current.version);
    const objectId = new ObjectId(current.id);
    const meta: WriteMeta = {
      _id: objectId,
      version: expectedVersion + 1,
      createdAt: current.createdAt,
      createdBy: current.createdBy,
      updatedAt: new Date(),
      updatedBy: this.binding.actor.userId,
    };
    const { _id, ...metaWithoutId } = meta;
    const replacement: Document = { ...(await build(current)), ...this.tenantFields(), ...metaWithoutId };
    const written = await this.write(() =>
      this.collection.findOneAndReplace(this.scoped({ _id: objectId, version: expectedVersion }), replacement, {
        returnDocument: "after",
        session: this.binding.session,
      }),
    );
    if (!written) {
      const latest = await this.find(id);
      if (!latest) throw new NotFoundError(this.definition.entity, id);
      throw this.staleVersion(id, expectedVersion, latest.version);
    }
    return this.toRecord(written);
  }

  /** Deletes and returns the record; with `expectedVersion`, only if nobody changed it meanwhile. */
  async delete(id: string, options: { expectedVersion?: number } = {}): Promise<StoredRecord<D>> {
    if (options.expectedVersion !== undefined) assertVersion(options.expectedVersion);
    const current = await this.get(id);
    this.hooks.assertDeletable?.(current);
    if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
      throw this.staleVersion(id, options.expectedVersion, current.version);
    }
    const filter = this.scoped({ _id: new ObjectId(current.id), version: current.version });
    const deleted = await this.write(() =>
      this.collection.findOneAndDelete(filter, { session: this.binding.session }),
    );
    if (!deleted) {
      const latest = await this.find(id);
      if (!latest) throw new NotFoundError(this.definition.entity, id);
      throw this.staleVersion(id, current.version, latest.version);
    }
    return this.toRecord(deleted);
  }

  /**
   * Creates the record matching `where` (equality only) or updates the one that exists, whatever its version.
   * For data the server owns (reference snapshots); user edits use `update` with a version.
   */
  async upsert(where: Where<D>, input: InputFields<D>): Promise<StoredRecord<D>> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.findOne(where);
      try {
        if (!existing) return await this.create(input);
        return await this.replaceAt(existing.id, { expectedVersion: existing.version }, async (current) =>
          this.storedFields(this.parseInput(input), current),
        );
      } catch (error) {
        // Someone else created or changed it between our read and write: read again once.
        if (attempt === 0 && error instanceof ConflictError) continue;
        throw error;
      }
    }
  }

  /**
   * Creates or updates, in one atomic step, the record whose unique identity key (e.g. `clerkId`) has this
   * value. Only for global collections (the user record): a tenant-scoped upsert keyed across organizations
   * would let one organization's scope reach — and move — another's record. `field` must be the sole key of a
   * unique index. Two concurrent calls both succeed with the same record.
   */
  async upsertIdentity(field: string, value: string, input: InputFields<D>): Promise<StoredRecord<D>> {
    if (this.definition.tenantScoped) {
      throw new Error(`${this.definition.name} is tenant-scoped: identity upserts are for global collections only`);
    }
    const uniqueOnField = this.definition.indexes.some(
      (index) => index.unique && Object.keys(index.key).length === 1 && field in index.key,
    );
    if (!uniqueOnField) throw new Error(`${this.definition.name}.${field} is not a unique identity key`);
    const now = new Date();
    const stored = await this.storedFields(this.parseInput(input), undefined);
    if (stored[field] !== value) throw ValidationError.single([field], `${field} must match the identity`);
    const update = {
      $set: { ...stored, ...this.tenantFields(), updatedAt: now, updatedBy: this.binding.actor.userId },
      $setOnInsert: { createdAt: now, createdBy: this.binding.actor.userId },
      $inc: { version: 1 },
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const written = await this.write(() =>
          this.collection.findOneAndUpdate({ [field]: { $eq: value } }, update, {
            upsert: true,
            returnDocument: "after",
            session: this.binding.session,
          }),
        );
        if (!written) throw new Error(`${this.definition.name}: upsert returned nothing`);
        return this.toRecord(written);
      } catch (error) {
        // Two first sign-ins at once: both try to insert, the unique index lets one win; the other, retried,
        // finds that record and updates it.
        if (attempt === 0 && error instanceof ConflictError && error.details.kind === "duplicate") continue;
        throw error;
      }
    }
  }

  // ---- internals --------------------------------------------------------------------------------------

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (this.binding.session?.inTransaction() && isRetryableTransactionError(error)) throw error;
      throw translateDriverError(error, this.definition.entity, this.definition.indexes);
    }
  }

  /** A write, then the binding's afterWrite — also after a failure: a write that failed on the way back may be applied. */
  private async write<T>(operation: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.run(operation);
    } catch (error) {
      // The write's own error is the one to report; the epoch is renewed on a best-effort basis here.
      await this.binding.afterWrite?.().catch(() => undefined);
      throw error;
    }
    if (this.binding.afterWrite) await this.run(this.binding.afterWrite);
    return result;
  }

  /** Meta fields of a record created now by the acting user. */
  private newRecordMeta(now: Date): WriteMeta {
    const { userId } = this.binding.actor;
    return { _id: new ObjectId(), version: 1, createdAt: now, updatedAt: now, createdBy: userId, updatedBy: userId };
  }

  private readOptions() {
    return { session: this.binding.session, maxTimeMS: this.binding.maxTimeMS };
  }

  private tenantFields(): Record<string, string> {
    return this.binding.organizationId === undefined ? {} : { organizationId: this.binding.organizationId };
  }

  /** The caller's condition with the tenant condition beside it at the top level. */
  private scoped(condition: Filter<StoredDocument>): Filter<StoredDocument> {
    return { ...condition, ...this.tenantFields() } as Filter<StoredDocument>;
  }

  private scopedAll(conditions: Record<string, unknown>[]): Filter<StoredDocument> {
    const tenant = this.tenantFields();
    return (conditions.length === 0 ? tenant : { ...tenant, $and: conditions }) as Filter<StoredDocument>;
  }

  private filterFor(where: Where<D> | undefined): Filter<StoredDocument> {
    return this.scopedAll(translateWhere(this.definition, where));
  }

  private validSort(sort: SortSpec | undefined): SortSpec {
    if (sort === undefined) return defaultSort;
    const allowed = new Set<string>([...this.definition.sortable, "id", "createdAt", "updatedAt"]);
    if (!isPlainObject(sort) || typeof sort.field !== "string" || !allowed.has(sort.field)) {
      throw ValidationError.single(["sort", "field"], `${this.definition.entity} records cannot be sorted that way`);
    }
    if (sort.direction !== "asc" && sort.direction !== "desc") {
      throw ValidationError.single(["sort", "direction"], 'Sort direction must be "asc" or "desc"');
    }
    return { field: sort.field, direction: sort.direction };
  }

  private parseInput(input: unknown): ParsedInput<D> {
    if (!isPlainObject(input)) throw ValidationError.single([], `${this.definition.entity} data must be an object`);
    assertSafeInput(input, `${this.definition.entity} data`);
    const serverOwned: FieldIssue[] = Object.keys(input)
      .filter((key) => metaNames.has(key))
      .map((key) => ({ path: [key], message: `${key} is set by the server`, code: "unrecognized_keys" }));
    if (serverOwned.length > 0) throw new ValidationError(`${this.definition.entity} data has read-only fields`, serverOwned);
    return parseStrict(this.definition.inputSchema, input, `${this.definition.entity} data`) as ParsedInput<D>;
  }

  private assertPatch(patch: unknown): void {
    if (!isPlainObject(patch)) throw ValidationError.single([], "The changes must be an object");
    assertSafeInput(patch, "The changes");
    const unknown = Object.keys(patch).filter((key) => !this.inputFields.has(key));
    if (unknown.length > 0) {
      throw new ValidationError(
        "The changes contain fields that cannot be edited",
        unknown.map((key) => ({
          path: [key],
          message: metaNames.has(key) ? `${key} is set by the server` : `Unknown field ${JSON.stringify(key)}`,
          code: "unrecognized_keys",
        })),
      );
    }
  }

  /** The caller-editable part of a stored record (what `update` merges a patch into). */
  private inputView(current: StoredRecord<D>): Record<string, unknown> {
    const view: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(current)) {
      if (this.inputFields.has(key)) view[key] = value;
    }
    return view;
  }

  private async storedFields(parsed: ParsedInput<D>, previous: StoredRecord<D> | undefined): Promise<Document> {
    const derived = this.hooks.derive
      ? await this.hooks.derive(parsed, {
          previous,
          organizationId: this.binding.organizationId,
          actor: this.binding.actor,
        })
      : parsed;
    return this.parseStored(derived);
  }

  /**
   * Validates the fields about to be written against the stored schema and returns them. Meta fields given
   * here (a `rewrite` builder may pass a whole record) are dropped: the repository writes those itself.
   */
  private parseStored(fields: unknown): Document {
    if (!isPlainObject(fields)) throw new Error(`${this.definition.name}: derived fields must be an object`);
    const candidate: Record<string, unknown> = { ...fields };
    for (const name of metaNames) delete candidate[name];
    const result = this.definition.schema.safeParse(candidate);
    if (!result.success) throw ValidationError.fromZod(result.error, `${this.definition.entity} data is not valid`);
    const stored = withoutUndefined(result.data as Record<string, unknown>);
    const unsafe = findUnsafeInput(stored);
    if (unsafe.length > 0) throw new ValidationError(`${this.definition.entity} data contains unsafe fields`, unsafe);
    return stored;
  }

  private toRecord(document: Document): StoredRecord<D> {
    const { _id, ...rest } = document;
    return { id: (_id as ObjectId).toHexString(), ...rest } as StoredRecord<D>;
  }

  private staleVersion(id: string, expectedVersion: number, currentVersion: number): ConflictError {
    return new ConflictError(
      `${this.definition.entity} ${id} was changed by someone else (you edited version ${expectedVersion}, ` +
        `it is now at version ${currentVersion}); reload it and apply your changes again`,
      { kind: "version", expectedVersion, currentVersion },
    );
  }
}

function toObjectId(id: unknown): ObjectId | null {
  return typeof id === "string" && /^[0-9a-f]{24}$/i.test(id) ? new ObjectId(id) : null;
}

function assertVersion(version: unknown): asserts version is number {
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw ValidationError.single(["expectedVersion"], "expectedVersion must be the version number you read (1 or more)");
  }
}
