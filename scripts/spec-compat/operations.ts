/**
 * Executes one unified-format operation through the official driver and checks expectResult / expectError.
 */
import type { Document } from "bson";
import { MongoServerError, type ClientSession, type Collection, type Db } from "mongodb";
import { SkipTest, type Entities } from "./entities";
import { MatchError, matches, type MatchContext } from "./match";

export interface RunState {
  readonly entities: Entities;
  readonly match: MatchContext;
  /** Fail points to switch off after the test: [client id, fail point name]. */
  readonly failPoints: Array<[string, string]>;
  /** Creates entities on demand (testRunner.createEntities). */
  createEntities(list: Document[]): Promise<void>;
  /** Internal client: collection/index existence checks. */
  readonly internal: import("mongodb").MongoClient;
}

export async function runOperation(op: Document, state: RunState): Promise<void> {
  let result: unknown;
  let error: unknown;
  try {
    result = await execute(op, state);
  } catch (e) {
    if (e instanceof SkipTest || e instanceof MatchError) throw e;
    error = e;
  }
  if (op.expectError) {
    if (error === undefined) throw new MatchError(`${op.name}: expected an error, got ${JSON.stringify(result)}`);
    checkError(op.expectError, error, state);
    return;
  }
  if (error !== undefined) {
    if (op.ignoreResultAndError) return;
    throw new MatchError(`${op.name}: unexpected error: ${describe(error)}`);
  }
  if (op.saveResultAsEntity) state.entities.set(op.saveResultAsEntity, result);
  if (op.expectResult !== undefined && !op.ignoreResultAndError) {
    try {
      matches(op.expectResult, normalizeResult(op.name, result), state.match, true);
    } catch (e) {
      if (e instanceof MatchError) throw new MatchError(`${op.name} result: ${e.message}`);
      throw e;
    }
  }
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: number; codeName?: string };
  return `${e.name ?? "Error"} ${e.code ?? ""} ${e.codeName ?? ""}: ${e.message ?? String(error)}`;
}

function normalizeResult(name: string, result: unknown): unknown {
  if (name === "bulkWrite" && result && typeof result === "object") {
    const r = result as Document;
    return {
      deletedCount: r.deletedCount,
      insertedCount: r.insertedCount,
      insertedIds: r.insertedIds,
      matchedCount: r.matchedCount,
      modifiedCount: r.modifiedCount,
      upsertedCount: r.upsertedCount,
      upsertedIds: r.upsertedIds,
    };
  }
  return result;
}

function checkError(expect: Document, error: unknown, state: RunState): void {
  const e = error as Document & Error;
  const isServer = error instanceof MongoServerError;
  const where = `expected error ${JSON.stringify(expect)}, got ${describe(error)}`;
  if (expect.isClientError !== undefined && expect.isClientError === isServer) throw new MatchError(`isClientError: ${where}`);
  if (expect.isTimeoutError && !/timeout|timed out/i.test(e.name + e.message)) throw new MatchError(where);
  if (expect.errorContains !== undefined) {
    const text = String(e.message ?? "").toLowerCase();
    if (!text.includes(String(expect.errorContains).toLowerCase())) throw new MatchError(`errorContains: ${where}`);
  }
  const writeError = (e.writeErrors?.[0] ?? e.writeConcernError ?? undefined) as Document | undefined;
  const code = e.code ?? writeError?.code ?? writeError?.err?.code;
  const codeName = e.codeName ?? e.errorResponse?.codeName ?? writeError?.codeName ?? writeError?.err?.codeName;
  if (expect.errorCode !== undefined && code !== expect.errorCode) throw new MatchError(`errorCode: ${where}`);
  if (expect.errorCodeName !== undefined && codeName !== expect.errorCodeName) {
    throw new MatchError(`errorCodeName: ${where} (codeName ${String(codeName)})`);
  }
  const hasLabel = (label: string) => (typeof e.hasErrorLabel === "function" ? e.hasErrorLabel(label) : false);
  for (const label of expect.errorLabelsContain ?? []) {
    if (!hasLabel(label)) throw new MatchError(`errorLabelsContain ${label}: ${where} labels=${JSON.stringify(e.errorLabels ?? [])}`);
  }
  for (const label of expect.errorLabelsOmit ?? []) {
    if (hasLabel(label)) throw new MatchError(`errorLabelsOmit ${label}: ${where}`);
  }
  if (expect.errorResponse !== undefined) matches(expect.errorResponse, e.errorResponse ?? e, state.match, true);
  if (expect.expectResult !== undefined) matches(expect.expectResult, e.result ?? e.partialResult, state.match, true);
}

/** Replaces entity references in arguments (session) and renames format arguments to driver options. */
function options(args: Document, state: RunState, omit: string[]): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (omit.includes(key)) continue;
    if (key === "session") out.session = state.entities.session(value as string);
    else if (key === "returnDocument") out.returnDocument = String(value).toLowerCase();
    else out[key] = value;
  }
  return out;
}

async function execute(op: Document, state: RunState): Promise<unknown> {
  const args: Document = op.arguments ?? {};
  const { entities } = state;
  if (op.object === "testRunner") return runnerOperation(op.name, args, state);
  const kind = entities.kindOf(op.object);
  if (kind === "collection") return collectionOperation(entities.collection(op.object), op.name, args, state);
  if (kind === "database") return databaseOperation(entities.db(op.object), op.name, args, state);
  if (kind === "session") return sessionOperation(entities.session(op.object), op.name, args, state);
  if (kind === "client") return clientOperation(op.object, op.name, args, state);
  if (op.name === "iterateUntilDocumentOrError" || op.name === "close") throw new SkipTest(`cursor entities`);
  throw new SkipTest(`operation ${op.name} on ${op.object}`);
}

async function collectionOperation(coll: Collection, name: string, args: Document, state: RunState): Promise<unknown> {
  const o = (...omit: string[]) => options(args, state, omit);
  switch (name) {
    case "insertOne":
      return coll.insertOne(args.document, o("document"));
    case "insertMany":
      return coll.insertMany(args.documents, o("documents"));
    case "updateOne":
      return coll.updateOne(args.filter, args.update, o("filter", "update"));
    case "updateMany":
      return coll.updateMany(args.filter, args.update, o("filter", "update"));
    case "replaceOne":
      return coll.replaceOne(args.filter, args.replacement, o("filter", "replacement"));
    case "deleteOne":
      return coll.deleteOne(args.filter, o("filter"));
    case "deleteMany":
      return coll.deleteMany(args.filter, o("filter"));
    case "find":
      return coll.find(args.filter ?? {}, o("filter")).toArray();
    case "findOne":
      return coll.findOne(args.filter ?? {}, o("filter"));
    case "aggregate":
      return coll.aggregate(args.pipeline, o("pipeline")).toArray();
    case "countDocuments":
      return coll.countDocuments(args.filter, o("filter"));
    case "count":
      return coll.count(args.filter, o("filter"));
    case "estimatedDocumentCount":
      return coll.estimatedDocumentCount(o());
    case "distinct":
      return coll.distinct(args.fieldName, args.filter, o("fieldName", "filter"));
    case "findOneAndUpdate":
      return coll.findOneAndUpdate(args.filter, args.update, o("filter", "update"));
    case "findOneAndReplace":
      return coll.findOneAndReplace(args.filter, args.replacement, o("filter", "replacement"));
    case "findOneAndDelete":
      return coll.findOneAndDelete(args.filter, o("filter"));
    case "bulkWrite":
      return coll.bulkWrite(args.requests, o("requests"));
    case "createIndex":
      return coll.createIndex(args.keys, o("keys"));
    case "dropIndex":
      return coll.dropIndex(args.name, o("name"));
    case "listIndexes":
      return coll.listIndexes(o()).toArray();
    case "drop":
      return coll.drop(o());
    case "rename":
      return coll.rename(args.to, o("to"));
    default:
      throw new SkipTest(`collection operation ${name}`);
  }
}

async function databaseOperation(db: Db, name: string, args: Document, state: RunState): Promise<unknown> {
  const o = (...omit: string[]) => options(args, state, omit);
  switch (name) {
    case "createCollection":
      return db.createCollection(args.collection, o("collection")).then(() => undefined);
    case "dropCollection":
      return db.dropCollection(args.collection, o("collection"));
    case "runCommand":
      return db.command(args.command, o("command", "commandName"));
    case "aggregate":
      return db.aggregate(args.pipeline, o("pipeline")).toArray();
    case "listCollections":
      return db.listCollections(args.filter ?? {}, o("filter")).toArray();
    case "listCollectionNames":
      return (await db.listCollections(args.filter ?? {}, o("filter")).toArray()).map((c) => c.name);
    default:
      throw new SkipTest(`database operation ${name}`);
  }
}

async function sessionOperation(session: ClientSession, name: string, args: Document, state: RunState): Promise<unknown> {
  switch (name) {
    case "startTransaction":
      return session.startTransaction(args);
    case "commitTransaction":
      return session.commitTransaction();
    case "abortTransaction":
      return session.abortTransaction();
    case "endSession":
      return session.endSession();
    case "withTransaction": {
      const { callback, ...txnOptions } = args;
      return session.withTransaction(async () => {
        for (const inner of callback as Document[]) await runOperation(inner, state);
      }, txnOptions);
    }
    default:
      throw new SkipTest(`session operation ${name}`);
  }
}

async function clientOperation(id: string, name: string, args: Document, state: RunState): Promise<unknown> {
  const { client } = state.entities.client(id);
  switch (name) {
    case "listDatabases":
      return client.db("admin").admin().listDatabases(options(args, state, []));
    case "listDatabaseNames":
      return (await client.db("admin").admin().listDatabases(options(args, state, []))).databases.map((d) => d.name);
    default:
      throw new SkipTest(`client operation ${name}`);
  }
}

async function runnerOperation(name: string, args: Document, state: RunState): Promise<unknown> {
  const { entities } = state;
  switch (name) {
    case "failPoint":
    case "targetedFailPoint": {
      const clientId = (args.client as string | undefined) ?? clientOfSession(args.session, state);
      const { client } = entities.client(clientId);
      await client.db("admin").command(args.failPoint);
      state.failPoints.push([clientId, args.failPoint.configureFailPoint]);
      return undefined;
    }
    case "createEntities":
      return state.createEntities(args.entities);
    case "assertSessionTransactionState": {
      const session = entities.session(args.session);
      const actual = (session as unknown as { transaction: { state: string } }).transaction.state;
      const expected = String(args.state);
      const normalized: Record<string, string> = {
        NO_TRANSACTION: "none",
        STARTING_TRANSACTION: "starting",
        TRANSACTION_IN_PROGRESS: "in_progress",
        TRANSACTION_COMMITTED: "committed",
        TRANSACTION_COMMITTED_EMPTY: "committed",
        TRANSACTION_ABORTED: "aborted",
      };
      if (normalized[actual] !== expected) throw new MatchError(`session state ${actual}, expected ${expected}`);
      return undefined;
    }
    case "assertSessionPinned":
    case "assertSessionUnpinned":
      return undefined; // A single replica-set member: nothing is ever pinned to a mongos.
    case "assertSessionDirty":
    case "assertSessionNotDirty": {
      const session = entities.session(args.session) as unknown as { serverSession?: { isDirty: boolean } };
      const dirty = Boolean(session.serverSession?.isDirty);
      if (dirty !== (name === "assertSessionDirty")) throw new MatchError(`${name}: session dirty=${dirty}`);
      return undefined;
    }
    case "assertCollectionExists":
    case "assertCollectionNotExists": {
      const names = (await state.internal.db(args.databaseName).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      if (names.includes(args.collectionName) !== (name === "assertCollectionExists")) {
        throw new MatchError(`${name} ${args.databaseName}.${args.collectionName}`);
      }
      return undefined;
    }
    case "assertIndexExists":
    case "assertIndexNotExists": {
      const indexes = await state.internal.db(args.databaseName).collection(args.collectionName).listIndexes().toArray().catch(() => []);
      const exists = indexes.some((i) => i.name === args.indexName);
      if (exists !== (name === "assertIndexExists")) throw new MatchError(`${name} ${args.indexName}`);
      return undefined;
    }
    case "assertSameLsidOnLastTwoCommands":
    case "assertDifferentLsidOnLastTwoCommands": {
      const events = entities.client(args.client).events.filter((e) => e.type === "commandStartedEvent");
      const [a, b] = events.slice(-2).map((e) => JSON.stringify((e.event as { command: Document }).command.lsid));
      if ((a === b) !== (name === "assertSameLsidOnLastTwoCommands")) throw new MatchError(`${name}: ${a} vs ${b}`);
      return undefined;
    }
    default:
      throw new SkipTest(`testRunner operation ${name}`);
  }
}

function clientOfSession(sessionId: string, state: RunState): string {
  const session = state.entities.session(sessionId) as unknown as { client: unknown };
  for (const candidate of ["client0", "client1", "client"]) {
    if (state.entities.has(candidate) && state.entities.client(candidate).client === session.client) return candidate;
  }
  throw new SkipTest("targetedFailPoint on an unknown client");
}
