/**
 * Converts MongoDB's older spec-test formats into the unified format the runner executes:
 * - CRUD v1 (`source/crud/tests/v1`): `data`, tests with one `operation` and `outcome {result, error, collection}`;
 * - the legacy transactions format (`source/transactions/tests/legacy-test-format.md`), also used by CRUD v2:
 *   `runOn`, `database_name`/`collection_name`, `data`, tests with `clientOptions`, `sessionOptions`,
 *   `failPoint`, `operations` (`result` may describe an error), `expectations` of command-started events,
 *   `outcome.collection`.
 * Entity ids follow the legacy names (client0, database, collection, session0, session1) so operations need no renaming.
 */
import type { Document } from "bson";

export function isLegacySpec(spec: Document): boolean {
  return !("createEntities" in spec) && Array.isArray(spec.tests) && ("data" in spec || "runOn" in spec || "collection_name" in spec);
}

const SESSION_OPERATIONS = new Set(["startTransaction", "commitTransaction", "abortTransaction", "withTransaction", "endSession"]);
const ERROR_KEYS = new Set(["errorContains", "errorCodeName", "errorCode", "errorLabelsContain", "errorLabelsOmit", "isTimeoutError", "clientError", "state"]);
/** Legacy placeholders: `42` for a value that must be present but cannot be predicted. */
const ANY_VALUE_KEYS = new Set(["afterClusterTime", "recoveryToken", "getMore", "maxTimeMS"]);
const SESSION_STATE: Record<string, string> = {
  "starting transaction": "starting",
  "transaction in progress": "in_progress",
  "transaction committed": "committed",
  "transaction aborted": "aborted",
  "no transaction": "none",
};

function runOnRequirements(runOn: Document[] | undefined): Document[] | undefined {
  return runOn?.map((req) => {
    const out: Document = {};
    if (req.minServerVersion) out.minServerVersion = req.minServerVersion;
    if (req.maxServerVersion) out.maxServerVersion = req.maxServerVersion;
    if (req.topology) out.topologies = req.topology;
    if (req.serverless) out.serverless = req.serverless;
    if (req.authEnabled) out.auth = true;
    return out;
  });
}

/** Legacy expectations: null means "absent", 42 in some keys means "any value", session names stand for lsids. */
function expectedCommand(value: unknown, key?: string): unknown {
  if (value === null) return { $$exists: false };
  if (key === "lsid" && typeof value === "string") return { $$sessionLsid: value };
  if (key && ANY_VALUE_KEYS.has(key) && value === 42) return { $$exists: true };
  // Drivers may leave out defaults the legacy files spell out (the unified files say $$unsetOrMatches here).
  if ((key === "multi" || key === "upsert") && value === false) return { $$unsetOrMatches: false };
  if (Array.isArray(value)) return value.map((item) => expectedCommand(item));
  if (value && typeof value === "object" && !("_bsontype" in value) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expectedCommand(v, k)]));
  }
  return value;
}

/** Legacy files spell modes "Primary"/"Secondary"; drivers take the camel-case names. */
function lowerReadPreferenceModes(args: Document): void {
  const prefs = [args.readPreference, args.defaultTransactionOptions?.readPreference];
  for (const pref of prefs) {
    if (pref && typeof pref === "object" && typeof pref.mode === "string") pref.mode = pref.mode.charAt(0).toLowerCase() + pref.mode.slice(1);
  }
}

function bulkRequests(requests: Document[]): Document[] {
  return requests.map((request) => ("name" in request ? { [request.name]: request.arguments ?? {} } : request));
}

function isErrorResult(result: unknown): result is Document {
  if (!result || typeof result !== "object" || Array.isArray(result)) return false;
  const keys = Object.keys(result);
  return keys.length > 0 && keys.every((key) => ERROR_KEYS.has(key));
}

interface ConvertContext {
  readonly extraEntities: Document[];
  counter: number;
}

function convertOperation(op: Document, ctx: ConvertContext, collectionResult?: { result?: unknown; error?: boolean }): Document[] {
  const args: Document = { ...(op.arguments ?? {}) };
  let object: string = op.object ?? "collection";
  const before: Document[] = [];
  if (!op.object && SESSION_OPERATIONS.has(op.name) && typeof args.session === "string") {
    object = args.session;
    delete args.session;
  }
  if (object === "collection" && (op.collectionOptions || op.databaseOptions)) {
    const id = `collection_${++ctx.counter}`;
    const databaseId = op.databaseOptions ? `database_${ctx.counter}` : "database";
    if (op.databaseOptions) {
      before.push({ database: { id: databaseId, client: "client0", databaseName: ctx.extraEntities[0]!.databaseName, databaseOptions: op.databaseOptions } });
    }
    before.push({ collection: { id, database: databaseId, collectionName: op.collectionName ?? ctx.extraEntities[0]!.collectionName, collectionOptions: op.collectionOptions ?? {} } });
    object = id;
  } else if (object === "collection" && op.collectionName) {
    const id = `collection_${++ctx.counter}`;
    before.push({ collection: { id, database: "database", collectionName: op.collectionName } });
    object = id;
  }
  // Options nested under `options` in the legacy files are plain arguments in the unified format.
  if (args.options && typeof args.options === "object" && op.name !== "createIndex") {
    Object.assign(args, args.options);
    delete args.options;
  }
  lowerReadPreferenceModes(args);
  if (object === "testRunner") {
    // Legacy assertion arguments name the namespace parts without the "Name" suffix.
    for (const [from, to] of [["database", "databaseName"], ["collection", "collectionName"], ["index", "indexName"]] as const) {
      if (from in args && !(to in args)) {
        args[to] = args[from];
        delete args[from];
      }
    }
  }
  if (op.name === "createIndex" && args.key && !args.keys) {
    args.keys = args.key;
    delete args.key;
  }
  if (op.name === "bulkWrite" && Array.isArray(args.requests)) args.requests = bulkRequests(args.requests);
  if (op.name === "withTransaction" && args.callback?.operations) {
    args.callback = (args.callback.operations as Document[]).flatMap((inner) => convertOperation(inner, ctx));
  }
  if (op.name === "runCommand" && !args.command && args.command_name) args.command = {};

  const converted: Document = { name: op.name, object, arguments: args };
  const after: Document[] = [];
  const result = collectionResult ? collectionResult.result : op.result;
  const error = collectionResult ? collectionResult.error : op.error;
  if (error) {
    converted.expectError = {};
  } else if (isErrorResult(result)) {
    const expectError: Document = {};
    for (const [key, value] of Object.entries(result)) {
      if (key === "clientError") expectError.isClientError = value;
      else if (key === "state") {
        for (const [session, state] of Object.entries(value as Document)) {
          after.push({ name: "assertSessionTransactionState", object: "testRunner", arguments: { session, state: SESSION_STATE[String(state)] ?? state } });
        }
      } else expectError[key] = value;
    }
    converted.expectError = expectError;
  } else if (result !== undefined) {
    converted.expectResult = result;
  }
  if (before.length > 0) return [{ name: "createEntities", object: "testRunner", arguments: { entities: before } }, converted, ...after];
  return [converted, ...after];
}

/** One legacy (or CRUD v1) file as a unified-format spec. */
export function toUnified(spec: Document, defaults: { databaseName: string; collectionName: string }): Document {
  const databaseName: string = spec.database_name ?? defaults.databaseName;
  const collectionName: string = spec.collection_name ?? defaults.collectionName;
  const isV1 = (spec.tests as Document[]).some((test) => "operation" in test);
  const tests = (spec.tests as Document[]).map((test) => {
    const ctx: ConvertContext = { extraEntities: [{ databaseName, collectionName }], counter: 0 };
    const entities: Document[] = [
      { client: { id: "client0", observeEvents: ["commandStartedEvent"], uriOptions: test.clientOptions ?? {} } },
      { database: { id: "database", client: "client0", databaseName } },
      { collection: { id: "collection", database: "database", collectionName } },
    ];
    if (!isV1) {
      for (const session of ["session0", "session1"]) {
        entities.push({ session: { id: session, client: "client0", sessionOptions: test.sessionOptions?.[session] ?? {} } });
      }
    }
    const operations: Document[] = [{ name: "createEntities", object: "testRunner", arguments: { entities } }];
    if (test.failPoint) operations.push({ name: "failPoint", object: "testRunner", arguments: { client: "client0", failPoint: test.failPoint } });
    if (isV1) {
      const outcome: Document = test.outcome ?? {};
      operations.push(...convertOperation(test.operation, ctx, { result: outcome.result, error: outcome.error }));
    } else {
      for (const op of test.operations ?? []) operations.push(...convertOperation(op, ctx));
      // The legacy runner ends both sessions before checking events; ending one mid-transaction aborts it.
      for (const session of ["session0", "session1"]) operations.push({ name: "endSession", object: session });
    }
    const unified: Document = { description: test.description, operations };
    if (test.skipReason) unified.skipReason = test.skipReason;
    if (test.expectations) {
      unified.expectEvents = [
        {
          client: "client0",
          events: (test.expectations as Document[]).map((expectation) => {
            const event = expectation.command_started_event as Document;
            return {
              commandStartedEvent: {
                command: expectedCommand(event.command),
                ...(event.command_name ? { commandName: event.command_name } : {}),
                ...(event.database_name ? { databaseName: event.database_name } : {}),
              },
            };
          }),
        },
      ];
    }
    const outcomeCollection = test.outcome?.collection as Document | undefined;
    if (outcomeCollection?.data) {
      unified.outcome = [{ databaseName, collectionName: outcomeCollection.name ?? collectionName, documents: outcomeCollection.data }];
    }
    const initialData: Document[] = [{ databaseName, collectionName, documents: spec.data ?? [] }];
    if (outcomeCollection?.name && outcomeCollection.name !== collectionName) {
      initialData.push({ databaseName, collectionName: outcomeCollection.name, documents: [], dropOnly: true });
    }
    unified.initialData = initialData;
    return unified;
  });
  return { runOnRequirements: runOnRequirements(spec.runOn), tests };
}
