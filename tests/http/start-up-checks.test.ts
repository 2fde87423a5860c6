/**
 * `npm start` in staging/production never migrates on its own: it warns (in its logs) about pending migrations
 * and an empty reference snapshot, and with REQUIRE_MIGRATED=1 refuses to start while migrations are pending.
 * The real entry point as a child process, against the embedded test server.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient } from "mongodb";
import { MIGRATIONS, runMigrations } from "../../server/migrations/index";
import { logRecords, startMain } from "../helpers/main-process";
import { ensureRemixBuild } from "../helpers/remix-build";
import { closedPort } from "../helpers/ports";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { PRODUCTION_CLERK_VARS, scriptEnv } from "../scripts/support";

let database: TestDatabase;
let client: MongoClient;
beforeAll(async () => {
  ensureRemixBuild();
  database = await startTestDatabase("start-up-checks");
  client = await new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 }).connect();
});
afterAll(async () => {
  await client?.close();
  await database?.stop();
});

function stagingEnv(primary: string, extra: Record<string, string> = {}) {
  return scriptEnv({
    APP_ENV: "staging",
    HOST: "127.0.0.1",
    PORT: String(closedPort()),
    PRIMARY_DATABASE_URL: database.url,
    PRIMARY_DATABASE_NAME: primary,
    SCOPE321_DATABASE_URL: database.url,
    EXTERNAL_DATABASE_NAME: database.databaseName("external"),
    ...PRODUCTION_CLERK_VARS,
    ...extra,
  });
}

describe("staging start-up checks", () => {
  test("warns naming the pending migrations and the empty reference snapshot, and serves anyway", async () => {
    const app = startMain(stagingEnv(database.databaseName("unmigrated")));
    try {
      const output = await app.until(/reference snapshot empty/);
      const warnings = logRecords(output).filter((record) => record.level === "warn").map((record) => record.msg);
      expect(warnings).toContainEqual(expect.stringContaining(`migrations pending: ${MIGRATIONS.map((m) => m.id).join(", ")}`));
      expect(warnings).toContainEqual(expect.stringContaining("reference snapshot empty (naceCodes, co2Intensities)"));
      expect(logRecords(output).map((record) => record.msg)).toContain("server listening");
    } finally {
      await app.stop();
    }
  }, 60_000);

  test("REQUIRE_MIGRATED=1 refuses to start with one line while migrations are pending", async () => {
    const app = startMain(stagingEnv(database.databaseName("required"), { REQUIRE_MIGRATED: "1" }));
    expect(await app.exited()).toBe(1);
    const output = app.output;
    const refusal = output.split("\n").filter((line) => line.startsWith("npm start:"));
    expect(refusal).toEqual([expect.stringContaining(`${MIGRATIONS.length} migration(s) pending (${MIGRATIONS[0]!.id}`)]);
    expect(refusal[0]).toContain("npm run db:migrate -- --allow-production");
    expect(logRecords(output).map((record) => record.msg)).not.toContain("server listening");
  }, 60_000);

  test("REQUIRE_MIGRATED=1 starts once migrated, still warning about the empty snapshot", async () => {
    const name = database.databaseName("migrated");
    await runMigrations(client.db(name), MIGRATIONS);
    const app = startMain(stagingEnv(name, { REQUIRE_MIGRATED: "true" }));
    try {
      const output = await app.until(/reference snapshot empty[\s\S]*server listening|server listening[\s\S]*reference snapshot empty/);
      const messages = logRecords(output).map((record) => record.msg);
      expect(messages).toContain("server listening");
      expect(messages.some((msg) => msg.startsWith("reference snapshot empty"))).toBe(true);
      expect(messages.some((msg) => msg.startsWith("migrations pending"))).toBe(false);
    } finally {
      await app.stop();
    }
  }, 60_000);
});
