/**
 * With no PRIMARY_DATABASE_URL, development and test run on the embedded server: in memory for test, on disk
 * for development. Both roles share it under different database names. (Always embedded by definition, also
 * when TEST_DATABASE_URL is set.)
 */
import { describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { loadConfig, type Config } from "../../server/config/env";
import { createDatabaseConnections } from "../../server/db/connections";
import { createLogger } from "../../server/observability/logger";

const silent = createLogger({ level: "silent" });

async function reachable(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
  try {
    await client.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

describe("embedded default", () => {
  test("test profile: an in-memory server for both databases, stopped by close()", async () => {
    const connections = createDatabaseConnections({ config: loadConfig({ APP_ENV: "test" }), logger: silent });
    const { primary, external } = await connections.getDatabases();
    expect(primary.databaseName).toBe("vsme-guru-test");
    expect(external.databaseName).toBe("co2-intensities-test");
    const where = connections.description();
    expect(where.embedded).toBe(true);
    expect(where.primary).toBe(where.external);
    await primary.collection("notes").insertOne({ text: "hello" });
    expect(await primary.collection("notes").countDocuments()).toBe(1);
    expect(await external.collection("notes").countDocuments()).toBe(0);
    expect((await connections.ping()).status).toBe("ok");

    await connections.close();
    expect(await reachable(where.primary!)).toBe(false);
  });

  test("development profile: data on disk survives a restart", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "vsme-dev-"));
    const base = loadConfig({ APP_ENV: "development", LOG_LEVEL: "silent" });
    const config = { ...base, database: { ...base.database, embedded: { ...base.database.embedded, dataDir } } } as Config;
    try {
      const first = createDatabaseConnections({ config, logger: silent });
      await (await first.getDatabases()).primary.collection("notes").insertOne({ text: "kept" });
      await first.close();

      const second = createDatabaseConnections({ config, logger: silent });
      const { primary } = await second.getDatabases();
      expect(primary.databaseName).toBe("vsme-guru-dev");
      expect(await primary.collection("notes").findOne({})).toMatchObject({ text: "kept" });
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test("a hand-built production config cannot start the embedded server", async () => {
    const prod = loadConfig({
      APP_ENV: "production",
      PRIMARY_DATABASE_URL: "mongodb://example.invalid/",
      SCOPE321_DATABASE_URL: "mongodb://example.invalid/",
      CLERK_SECRET_KEY: "sk_live_x",
      CLERK_PUBLISHABLE_KEY: "pk_live_eA",
      CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
      CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
    });
    const config = { ...prod, database: { ...prod.database, primary: { ...prod.database.primary, url: undefined } } } as Config;
    const connections = createDatabaseConnections({ config, logger: silent });
    await expect(connections.getDatabases()).rejects.toThrow(/not allowed in production/);
    await connections.close();
  });
});
