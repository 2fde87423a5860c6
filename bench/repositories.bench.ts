/**
 * Repository operations at 1,000 and 100,000 reports in the collection: create report, read report, list a page
 * of reports, update one section. Read and list go through (organizationId, …) indexes, so the 100k/1k ratios
 * should stay near 1; the list query's plan (stage, index, keys and documents examined) is printed at both
 * sizes to show it. An organization has one company and at most one report per year, so "list" asks for a page
 * of 50 and gets all of the measured organization's 26 reports.
 *
 * Beside each repository figure, the same query sent with the bare driver ("driver …") shows what the
 * repository layer adds; the rest is the server and BSON (a stored report is ~2.7 KB, mostly
 * metrics.completeness — see docs/decisions/0023-read-path-cost-of-reports.md).
 *
 * Filler documents are copies of repository-written documents inserted in bulk (writing 100,000 reports one by
 * one through the repository would take most of the run); every measured operation goes through the repository.
 */
import { MongoClient, ObjectId, type CommandStartedEvent, type Document } from "mongodb";
import { startEmbeddedMongo } from "../server/embedded-mongo/index";
import { createStorageEngine } from "../server/embedded-mongo/engine/index";
import { createDataAccess, ensureIndexes } from "../server/repositories";

const actor = { userId: "user_bench", role: "org:admin" };
const company = {
  name: "Bench GmbH",
  identifier: { scheme: "national", country: "DE", value: "HRB 1" },
  legalForm: "private_limited_liability",
  country: "DE",
  nace: { revision: "2.1", code: "10.71" },
  currency: "EUR",
} as const;
const report = (year: number) =>
  ({ year, period: { start: `${year}-01-01`, end: `${year}-12-31` }, module: "basic", turnover: { amount: 1_000_000, currency: "EUR" } }) as const;
const years = Array.from({ length: 26 }, (_, index) => 2000 + index);

const url = process.env.BENCH_DATABASE_URL;
const server = url ? undefined : await startEmbeddedMongo({ memory: true });
const client = new MongoClient(url ?? server!.uri, { monitorCommands: true });
const db = client.db(`bench-repositories-${Date.now().toString(36)}`);

/** The find command a repository call sends, exactly as it goes over the wire. */
async function capturedFind(call: () => Promise<unknown>): Promise<Document> {
  let captured: Document | undefined;
  const listener = (event: CommandStartedEvent) => {
    if (event.commandName !== "find" || captured) return;
    const { sort, ...command } = event.command;
    // The driver carries the sort as a Map (key order matters); the engine and the log want a plain object.
    captured = { ...structuredClone(command), sort: sort instanceof Map ? Object.fromEntries(sort) : sort };
  };
  client.on("commandStarted", listener);
  try {
    await call();
  } finally {
    client.off("commandStarted", listener);
  }
  if (!captured) throw new Error("the repository call sent no find command");
  return captured;
}

/**
 * The embedded server has no `explain`, so the plan comes from a replica: a second engine (same code, same
 * indexes, same documents — filler batches are mirrored as they are inserted, the rest copied before planning)
 * asked `plan()` for the captured command's filter, sort and limit.
 */
const replica = url ? undefined : createStorageEngine({ memory: true });
const replicaNs = { db: "replica", coll: "reports" };
const mirroredIds = new Set<string>();
function mirror(documents: Document[]) {
  if (!replica) return;
  replica.batch(() => {
    for (const document of documents) {
      const id = (document._id as ObjectId).toHexString();
      if (mirroredIds.has(id)) continue;
      mirroredIds.add(id);
      replica.insertOne(replicaNs, { _id: document._id, ...document });
    }
  });
}
async function printPlan(label: string, find: Document) {
  if (!replica) {
    console.log(`plan of ${label}: not available against BENCH_DATABASE_URL (use explain there)`);
    return;
  }
  if (replica.listIndexes(replicaNs).length === 1) {
    const specs = (await db.collection("reports").listIndexes().toArray()).filter((spec) => spec.name !== "_id_");
    replica.createIndexes(replicaNs, specs.map(({ v: _v, ...spec }) => spec as { key: Record<string, 1 | -1>; name: string }));
  }
  mirror(await db.collection("reports").find({ organizationId: { $not: /^org_filler/ } }).toArray());
  const plan = replica.plan(replicaNs, find.filter ?? {}, { sort: find.sort, limit: find.limit });
  console.log(
    `plan of ${label}: ${plan.stage}${plan.indexName ? ` ${plan.indexName}` : ""}, ` +
      `keys examined ${plan.keysExamined}, docs examined ${plan.docsExamined} ` +
      `(of ${replica.count(replicaNs, {}).toLocaleString("en")}; filter ${JSON.stringify(find.filter)}, sort ${JSON.stringify(find.sort)}, limit ${find.limit})`,
  );
}
await ensureIndexes(db);
const data = createDataAccess({ primary: db });

// Templates written by the repository itself.
const templateOrg = data.forOrganization("org_template", actor);
await templateOrg.companies.create(company);
const templateReport = await templateOrg.reports.create(report(2024));
const rawTemplate = (await db.collection("reports").findOne({ _id: new ObjectId(templateReport.id) })) as Document;
const rawCompany = (await db.collection("companies").findOne({ organizationId: "org_template" })) as Document;

let fillerOrgs = 0;
async function fillTo(total: number) {
  let count = await db.collection("reports").countDocuments();
  while (count < total) {
    const organizationId = `org_filler${fillerOrgs++}`;
    const batch: Document[] = [];
    for (const year of years) {
      if (count + batch.length >= total) break;
      const { _id, ...rest } = rawTemplate;
      batch.push({ ...rest, _id: new ObjectId(), organizationId, year, period: { start: `${year}-01-01`, end: `${year}-12-31` } });
    }
    await db.collection("reports").insertMany(batch);
    mirror(batch);
    count += batch.length;
  }
}

async function measure(name: string, iterations: number, op: (index: number) => Promise<unknown>) {
  const samples: number[] = [];
  const started = performance.now();
  for (let index = 0; index < iterations; index++) {
    const t0 = performance.now();
    await op(index);
    samples.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
  const result = { name, ops: iterations / (elapsed / 1000), p50: pct(50), p99: pct(99) };
  console.log(
    `${name.padEnd(28)} ${result.ops.toFixed(0).padStart(7)} ops/s   p50 ${result.p50.toFixed(2)} ms   p99 ${result.p99.toFixed(2)} ms`,
  );
  return result;
}

let round = 0;
async function runAt(size: number) {
  round++;
  await fillTo(size);
  console.log(`\n-- ${(await db.collection("reports").countDocuments()).toLocaleString("en")} reports in the collection --`);
  // Organizations for create: their company documents are copies of a repository-written one.
  const createOrgs = Array.from({ length: 200 }, (_, index) => `org_create${round}x${index}`);
  await db.collection("companies").insertMany(
    createOrgs.map((organizationId) => {
      const { _id, ...rest } = rawCompany;
      return { ...rest, _id: new ObjectId(), organizationId };
    }),
  );
  const create = await measure("create report", createOrgs.length, (index) =>
    data.forOrganization(createOrgs[index], actor).reports.create(report(2024)),
  );

  const measured = data.forOrganization(`org_measured${round}`, actor);
  await measured.companies.create(company);
  const ids: string[] = [];
  for (const year of years) ids.push((await measured.reports.create(report(year))).id);

  const read = await measure("read report", 1000, (index) => measured.reports.get(ids[index % ids.length]!));
  const objectIds = ids.map((id) => new ObjectId(id));
  const organizationId = measured.organizationId;
  await measure("  driver findOne by _id", 1000, (index) =>
    db.collection("reports").findOne({ _id: objectIds[index % objectIds.length]!, organizationId }),
  );
  const listFind = await capturedFind(() => measured.reports.list({ limit: 50 }));
  const listed = (await measured.reports.list({ limit: 50 })).items.length;
  const list = await measure(`list reports (${listed} of 50)`, 500, () => measured.reports.list({ limit: 50 }));
  await measure("  driver find, same query", 500, () =>
    db.collection("reports").find(listFind.filter, { sort: listFind.sort, limit: listFind.limit, maxTimeMS: listFind.maxTimeMS }).toArray(),
  );
  await measure("  driver find, _id only", 500, () =>
    db.collection("reports").find(listFind.filter, { sort: listFind.sort, limit: listFind.limit, projection: { _id: 1 } }).toArray(),
  );
  await printPlan(`the list query at ${size.toLocaleString("en")}`, listFind);
  let version = 1;
  const update = await measure("update one section", 300, async (index) => {
    const updated = await measured.reports.updateSection(
      ids[0]!,
      "businessConduct",
      { status: "reported", numberOfWhistleblowerReports: index },
      { expectedVersion: version },
    );
    version = updated.version;
  });
  return { create, read, list, update };
}

const small = await runAt(1_000);
const large = await runAt(100_000);
console.log("\nratio 100k / 1k (ops/s; ~1 means no slow-down with collection size):");
for (const key of ["read", "list", "create", "update"] as const) {
  console.log(`  ${key.padEnd(8)} ${(large[key].ops / small[key].ops).toFixed(2)}   p50 ${(large[key].p50 / small[key].p50).toFixed(2)}x`);
}

replica?.close();
await client.close();
await server?.stop();
