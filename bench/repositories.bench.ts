/**
 * Repository operations at 1,000 and 100,000 reports in the collection: create report, read report, list a page
 * of reports, update one section. Read and list go through (organizationId, …) indexes, so the 100k/1k ratios
 * should stay near 1. An organization has at most one report per year, so "list" is a page of up to 50 — all of
 * the measured organization's 26 reports.
 *
 * Filler documents are copies of repository-written documents inserted in bulk (writing 100,000 reports one by
 * one through the repository would take most of the run); every measured operation goes through the repository.
 */
import { MongoClient, ObjectId, type Document } from "mongodb";
import { startEmbeddedMongo } from "../server/embedded-mongo/index";
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
const client = new MongoClient(url ?? server!.uri);
const db = client.db(`bench-repositories-${Date.now().toString(36)}`);
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
  const list = await measure("list 50 reports", 500, () => measured.reports.list({ limit: 50 }));
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

await client.close();
await server?.stop();
