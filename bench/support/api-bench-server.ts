/**
 * The server side of bench/api.bench.ts, in its own process so its CPU time can be read from /proc: an
 * in-memory embedded database with `reports` reports in the collection (one organization's few among many
 * others'), and the real app server. Prints one JSON line with what the load generator needs.
 * `api-bench-server.ts <reports> in-process|own-process`: the database inside this process (as `npm run dev`
 * runs it) or in a process of its own (`npm run db`, the shape of production, where the database is Atlas and
 * its work is not the app server's CPU); the JSON line then names its pid too.
 */
import { startDatabaseProcess } from "./database-process";
import { MongoClient, ObjectId } from "mongodb";
import { createApiKeyService } from "../../server/auth/api-keys/api-key-service";
import { loadConfig } from "../../server/config/env";
import { startEmbeddedMongo } from "../../server/embedded-mongo/index";
import { createAppServer } from "../../server/http/app-server";
import { createLogger } from "../../server/observability/logger";
import { createDataAccess, ensureIndexes } from "../../server/repositories";
import { loadRemixBuild, TEST_BUILD } from "../../tests/helpers/remix-build";
import { sampleCompany } from "../../schemas/sample-company";
import { ADMIN_A, ORG_A, sessionToken } from "../../tests/helpers/sessions";

const total = Number(process.argv[2] ?? 1000);
const layout = process.argv[3] === "own-process" ? "own-process" : "in-process";
const embedded = layout === "in-process" ? await startEmbeddedMongo({ memory: true }) : await startDatabaseProcess();
const mongo = new MongoClient(embedded.uri);
const primary = mongo.db("bench-primary");
await ensureIndexes(primary);

// The organization the benchmark reads: a company and 20 reports, written through the repositories.
const repos = createDataAccess({ primary }).forOrganization(ORG_A, { userId: ADMIN_A, role: "org:admin" });
await repos.companies.create(sampleCompany({ name: "Bench GmbH" }));
const own: string[] = [];
for (let year = 2006; year < 2026; year++) {
  const report = await repos.reports.create({ year, period: { start: `${year}-01-01`, end: `${year}-12-31` }, module: "basic", turnover: { amount: 1_000_000, currency: "EUR" } });
  own.push(report.id);
}
// The rest of the collection: other organizations' reports (copies with their own ids and tenants).
const template = await primary.collection("reports").findOne({ _id: new ObjectId(own[0]) });
const batch = 5_000;
for (let done = own.length; done < total; done += batch) {
  const docs = [];
  for (let i = done; i < Math.min(total, done + batch); i++) {
    docs.push({ ...template, _id: new ObjectId(), organizationId: `org_bench${Math.floor(i / 20)}`, companyId: new ObjectId().toHexString(), year: 2006 + (i % 20) });
  }
  await primary.collection("reports").insertMany(docs, { ordered: false });
}

const config = loadConfig({ APP_ENV: "test", PRIMARY_DATABASE_URL: embedded.uri, PRIMARY_DATABASE_NAME: "bench-primary", SCOPE321_DATABASE_URL: embedded.uri, LOG_LEVEL: "error", API_KEY_RATE_LIMIT_PER_MINUTE: "1000000" });
const app = await createAppServer({
  config,
  build: await loadRemixBuild(),
  logger: createLogger({ level: "error", sink: () => {} }),
  port: 0,
  assetsDir: TEST_BUILD.assetsDir,
});
const token = await sessionToken({ userId: ADMIN_A, organizationId: ORG_A, role: "org:admin", lifetimeSeconds: 3600 });
// A partner's key, as an admin creates it; a budget no benchmark reaches (the counting is still done).
const keys = createApiKeyService({ data: async () => createDataAccess({ primary }), policy: { rateLimitPerMinute: 1_000_000 } });
const { secret: apiKey } = await keys.create(repos, { name: "bench", scopes: ["reports:read"] });
console.log(
  JSON.stringify({ url: app.url, token, apiKey, reportId: own[5], reports: await primary.collection("reports").estimatedDocumentCount(), databasePid: "pid" in embedded ? embedded.pid : null }),
);
process.on("SIGTERM", async () => {
  await app.stop({ graceMs: 100 });
  await mongo.close();
  await embedded.stop();
  process.exit(0);
});
