/**
 * The external database is shared with other applications: this app may only read it. The handle below
 * exposes read operations and nothing else, so code that receives it cannot write even by mistake — there is
 * no insertOne to call, no way back to the MongoClient, and aggregation stages that write are refused.
 * (The Atlas user behind SCOPE321_DATABASE_URL should be read-only as well; see the README.)
 */
import type {
  AggregateOptions,
  CountDocumentsOptions,
  Db,
  DistinctOptions,
  Document,
  Filter,
  FindOptions,
  ListCollectionsOptions,
  WithId,
} from "mongodb";
import { guardDatabase } from "./errors";
import { ReadOnlyViolationError } from "./errors";

export interface ReadOnlyCursor<T> extends AsyncIterable<T> {
  toArray(): Promise<T[]>;
  next(): Promise<T | null>;
  close(): Promise<void>;
}

export interface ReadOnlyCollection<TSchema extends Document = Document> {
  readonly collectionName: string;
  find(filter?: Filter<TSchema>, options?: FindOptions): ReadOnlyCursor<WithId<TSchema>>;
  findOne(filter?: Filter<TSchema>, options?: FindOptions): Promise<WithId<TSchema> | null>;
  aggregate<T extends Document = Document>(pipeline: readonly Document[], options?: AggregateOptions): ReadOnlyCursor<T>;
  countDocuments(filter?: Filter<TSchema>, options?: CountDocumentsOptions): Promise<number>;
  estimatedDocumentCount(): Promise<number>;
  distinct(key: string, filter?: Filter<TSchema>, options?: DistinctOptions): Promise<unknown[]>;
}

export interface ReadOnlyDb {
  readonly databaseName: string;
  collection<TSchema extends Document = Document>(name: string): ReadOnlyCollection<TSchema>;
  listCollections(filter?: Document, options?: ListCollectionsOptions): Promise<{ name: string; type?: string }[]>;
  /** Round trip to the server; resolves with the latency in milliseconds. */
  ping(): Promise<number>;
}

const WRITING_STAGES = new Set(["$out", "$merge"]);

/** $out/$merge are only legal as the last top-level stage, but we refuse them anywhere (also in $facet). */
function assertPipelineReadsOnly(stages: readonly Document[]): void {
  for (const stage of stages) {
    if (typeof stage !== "object" || stage === null) continue;
    for (const [key, value] of Object.entries(stage)) {
      if (WRITING_STAGES.has(key)) throw new ReadOnlyViolationError(`an aggregation with ${key}`);
      if (key === "$facet" && value && typeof value === "object") {
        for (const sub of Object.values(value as Record<string, unknown>)) {
          if (Array.isArray(sub)) assertPipelineReadsOnly(sub as Document[]);
        }
      }
      if ((key === "$lookup" || key === "$unionWith") && value && typeof value === "object") {
        const sub = (value as { pipeline?: unknown }).pipeline;
        if (Array.isArray(sub)) assertPipelineReadsOnly(sub as Document[]);
      }
    }
  }
}

type CursorLike<T> = {
  toArray(): Promise<T[]>;
  next(): Promise<T | null>;
  close(): Promise<void>;
  [Symbol.asyncIterator](): AsyncIterator<T>;
};

function readOnlyCursor<T>(open: () => CursorLike<T>): ReadOnlyCursor<T> {
  // The driver cursor stays in this closure: its `.client` property would lead back to write methods.
  let cursor: CursorLike<T> | undefined;
  const get = () => (cursor ??= open());
  return {
    toArray: () => guardDatabase("external", () => get().toArray()),
    next: () => guardDatabase("external", () => get().next()),
    close: async () => {
      await cursor?.close();
    },
    async *[Symbol.asyncIterator]() {
      const it = get()[Symbol.asyncIterator]();
      while (true) {
        const step = await guardDatabase("external", () => it.next());
        if (step.done) return;
        yield step.value;
      }
    },
  };
}

export function createReadOnlyDb(db: Db, defaults: { maxTimeMS: number }): ReadOnlyDb {
  const withTimeLimit = <O extends { maxTimeMS?: number }>(options: O | undefined): O =>
    ({ maxTimeMS: defaults.maxTimeMS, ...options }) as O;

  const collection = <TSchema extends Document>(name: string): ReadOnlyCollection<TSchema> => {
    const raw = db.collection<TSchema>(name);
    return Object.freeze({
      collectionName: name,
      find: (filter = {}, options) => readOnlyCursor(() => raw.find(filter, withTimeLimit(options))),
      findOne: (filter = {}, options) => guardDatabase("external", () => raw.findOne(filter, withTimeLimit(options))),
      aggregate: <T extends Document>(pipeline: readonly Document[], options?: AggregateOptions) => {
        assertPipelineReadsOnly(pipeline);
        return readOnlyCursor<T>(() => raw.aggregate<T>([...pipeline], withTimeLimit(options)));
      },
      countDocuments: (filter = {}, options) =>
        guardDatabase("external", () => raw.countDocuments(filter, withTimeLimit(options))),
      estimatedDocumentCount: () =>
        guardDatabase("external", () => raw.estimatedDocumentCount({ maxTimeMS: defaults.maxTimeMS })),
      distinct: (key, filter = {}, options) =>
        guardDatabase("external", () => raw.distinct(key, filter, withTimeLimit(options))),
    } satisfies ReadOnlyCollection<TSchema>);
  };

  return Object.freeze({
    databaseName: db.databaseName,
    collection,
    listCollections: (filter = {}, options) =>
      guardDatabase("external", async () => {
        const infos = await db.listCollections(filter, { nameOnly: true, ...options }).toArray();
        return infos.map((info) => ({ name: info.name, type: info.type }));
      }),
    ping: () => guardDatabase("external", () => timedPing(db)),
  } satisfies ReadOnlyDb);
}

export async function timedPing(db: Db): Promise<number> {
  const started = performance.now();
  await db.command({ ping: 1 });
  return Math.max(0, Math.round((performance.now() - started) * 10) / 10);
}
