/**
 * A compact runner for MongoDB's unified test format (the subset the CRUD and transactions spec tests need),
 * driving the official driver against the embedded server (or MONGODB_URI when set).
 *
 *   bun scripts/spec-compat/run.ts /tmp/spec-tests/crud [/tmp/spec-tests/transactions ...] [--filter text] [--verbose]
 *
 * Prints "<file>: N passed, M failed, K skipped" per file and a total. Developer tool, not part of `npm test`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { EJSON, type Document } from "bson";
import { MongoClient } from "mongodb";
import { startEmbeddedMongo } from "../../server/embedded-mongo";
import { Entities, SkipTest } from "./entities";
import { MatchError, matches, type MatchContext } from "./match";
import { isLegacySpec, toUnified } from "./legacy";
import { runOperation, type RunState } from "./operations";

const SERVER_VERSION = [7, 0, 0];
const TOPOLOGY = "replicaset";

function versionOf(text: string): number[] {
  return text.split(".").map((part) => Number(part));
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why a runOnRequirements list is not met, or undefined when one of its entries is. */
function unmetRequirement(requirements: Document[] | undefined): string | undefined {
  if (!requirements || requirements.length === 0) return undefined;
  const reasons: string[] = [];
  for (const req of requirements) {
    const why: string[] = [];
    if (req.minServerVersion && compareVersions(SERVER_VERSION, versionOf(req.minServerVersion)) < 0) why.push(`min ${req.minServerVersion}`);
    if (req.maxServerVersion && compareVersions(SERVER_VERSION, versionOf(req.maxServerVersion)) > 0) why.push(`max ${req.maxServerVersion}`);
    if (req.topologies && !req.topologies.includes(TOPOLOGY)) why.push(`topologies ${req.topologies.join(",")}`);
    if (req.serverless === "require") why.push("serverless");
    if (req.auth === true) why.push("auth");
    if (req.csfle) why.push("csfle");
    if (req.serverParameters) {
      for (const [key, value] of Object.entries(req.serverParameters as Document)) {
        if (!(key in KNOWN_PARAMETERS) || KNOWN_PARAMETERS[key] !== value) why.push(`serverParameter ${key}`);
      }
    }
    if (why.length === 0) return undefined;
    reasons.push(why.join(" "));
  }
  return reasons.join(" | ");
}

const KNOWN_PARAMETERS: Record<string, unknown> = { enableTestCommands: true, featureCompatibilityVersion: "7.0" };

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

async function prepareData(internal: MongoClient, initialData: Document[] | undefined): Promise<void> {
  for (const data of initialData ?? []) {
    const db = internal.db(data.databaseName);
    await db.collection(data.collectionName).drop({ writeConcern: { w: "majority" } }).catch(() => undefined);
    if (data.dropOnly) continue;
    if (data.createOptions || data.documents.length === 0) {
      await db.createCollection(data.collectionName, { ...(data.createOptions ?? {}), writeConcern: { w: "majority" } });
    }
    if (data.documents.length > 0) {
      await db.collection(data.collectionName).insertMany(data.documents, { writeConcern: { w: "majority" } });
    }
  }
}

async function checkOutcome(internal: MongoClient, outcome: Document[] | undefined, ctx: MatchContext): Promise<void> {
  for (const expected of outcome ?? []) {
    const docs = await internal
      .db(expected.databaseName)
      .collection(expected.collectionName)
      .find({}, { sort: { _id: 1 }, readConcern: { level: "local" }, readPreference: "primary" })
      .toArray();
    try {
      matches(expected.documents, docs, ctx, false);
    } catch (e) {
      if (e instanceof MatchError) throw new MatchError(`outcome ${expected.collectionName}: ${e.message}`);
      throw e;
    }
  }
}

function checkEvents(expectations: Document[] | undefined, entities: Entities, ctx: MatchContext): void {
  for (const expectation of expectations ?? []) {
    if (expectation.eventType && expectation.eventType !== "command") throw new SkipTest(`${expectation.eventType} events`);
    const actual = entities.client(expectation.client).events;
    const expected = expectation.events as Document[];
    const list = expectation.ignoreExtraEvents ? actual.slice(0, expected.length) : actual;
    if (list.length !== expected.length) {
      throw new MatchError(
        `events: expected ${expected.length} [${expected.map((e) => Object.values(e)[0]?.commandName ?? Object.keys(Object.values(e)[0]?.command ?? {})[0]).join(", ")}], got ${actual.length} [${actual.map((e) => e.event.commandName).join(", ")}]`,
      );
    }
    expected.forEach((want, i) => {
      const [type, body] = Object.entries(want)[0] as [string, Document];
      const got = list[i]!;
      const where = `event ${i} (${got.event.commandName})`;
      if (got.type !== type) throw new MatchError(`${where}: expected ${type}, got ${got.type}`);
      try {
        const event = got.event as unknown as Document;
        if (body.commandName !== undefined && body.commandName !== event.commandName) throw new MatchError(`commandName ${event.commandName}`);
        if (body.databaseName !== undefined && body.databaseName !== event.databaseName) throw new MatchError(`databaseName ${event.databaseName}`);
        if (body.command !== undefined) matches(body.command, event.command, ctx, "lenient");
        if (body.reply !== undefined) matches(body.reply, event.reply, ctx, "lenient");
      } catch (e) {
        if (e instanceof MatchError) throw new MatchError(`${where}: ${e.message}`);
        throw e;
      }
    });
  }
}

async function runTest(uri: string, internal: MongoClient, spec: Document, test: Document): Promise<void> {
  await internal.db("admin").command({ killAllSessions: [] }).catch(() => undefined);
  await prepareData(internal, test.initialData ?? spec.initialData);
  const entities = new Entities(uri);
  const ctx: MatchContext = { sessionLsid: (id) => entities.lsid(id), entity: (id) => entities.get(id) };
  const state: RunState = {
    entities,
    match: ctx,
    failPoints: [],
    internal,
    createEntities: async (list) => {
      for (const entity of list) await entities.create(entity);
    },
  };
  try {
    await state.createEntities(spec.createEntities ?? []);
    for (const op of test.operations) await runOperation(op, state);
    checkEvents(test.expectEvents, entities, ctx);
    await checkOutcome(internal, test.outcome, ctx);
  } finally {
    for (const [clientId, name] of state.failPoints) {
      await entities.client(clientId).client.db("admin").command({ configureFailPoint: name, mode: "off" }).catch(() => undefined);
    }
    await entities.close();
  }
}

async function runFile(uri: string, internal: MongoClient, file: string, filter: string | undefined, verbose: boolean): Promise<Counts | string> {
  let parsed: Document;
  try {
    parsed = EJSON.parse(readFileSync(file, "utf8"), { relaxed: true }) as Document;
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  // A specifications checkout also holds JSON that is not a test file (schemas, fixtures).
  if (parsed === null || typeof parsed !== "object" || !Array.isArray(parsed.tests)) return "not a test file";
  // Older formats (CRUD v1/v2, legacy transactions) run as their unified equivalent.
  const spec = isLegacySpec(parsed)
    ? toUnified(parsed, { databaseName: "crud-tests", collectionName: basename(file, ".json").replace(/[^A-Za-z0-9_]/g, "_") })
    : parsed;
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const fileUnmet = unmetRequirement(spec.runOnRequirements);
  for (const test of spec.tests as Document[]) {
    if (filter && !String(test.description).includes(filter)) continue;
    const unmet = fileUnmet ?? unmetRequirement(test.runOnRequirements) ?? (test.skipReason ? `skipReason: ${test.skipReason}` : undefined);
    if (unmet) {
      counts.skipped++;
      if (verbose) console.log(`  SKIP ${test.description} (${unmet})`);
      continue;
    }
    try {
      await runTest(uri, internal, spec, test);
      counts.passed++;
      if (verbose) console.log(`  ok   ${test.description}`);
    } catch (error) {
      if (error instanceof SkipTest) {
        counts.skipped++;
        if (verbose) console.log(`  SKIP ${test.description} (${error.message})`);
      } else {
        counts.failed++;
        console.log(`  FAIL ${basename(file)} › ${test.description}\n       ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return counts;
}

/** The JSON files under each path, directories walked recursively (a whole specifications checkout works). */
export function listFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((entry) => {
        const full = join(path, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : listFiles([full]);
        return entry.name.endsWith(".json") ? [full] : [];
      });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const filterAt = argv.indexOf("--filter");
  const filter = filterAt >= 0 ? argv[filterAt + 1] : undefined;
  const verbose = argv.includes("--verbose");
  const paths = argv.filter((arg, i) => !arg.startsWith("--") && (filterAt < 0 || i !== filterAt + 1));
  if (paths.length === 0) {
    console.error("usage: bun scripts/spec-compat/run.ts <dir-or-file.json>... [--filter text] [--verbose]");
    process.exit(2);
  }
  const embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ memory: true, enableTestCommands: true });
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  const internal = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await internal.connect();
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const files = listFiles(paths);
    let ignored = 0;
    for (const file of files) {
      const local = relative(process.cwd(), file);
      const name = local.startsWith("..") ? file : local;
      const counts = await runFile(uri, internal, file, filter, verbose);
      if (typeof counts === "string") {
        ignored++;
        if (verbose) console.log(`${name}: ignored, ${counts}`);
        continue;
      }
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    }
    if (ignored > 0) console.log(`${ignored} of ${files.length} JSON files are not test files (--verbose names them)`);
  } finally {
    await internal.close();
    await embedded?.stop();
  }
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
}

if (import.meta.main) await main();
