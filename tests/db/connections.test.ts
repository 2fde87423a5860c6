/**
 * Connection lifecycle: one client per URL reused across calls, readiness per database, unreachable databases
 * reported as DatabaseUnavailableError (never a crash), and no cached failure.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { loadConfig } from "../../server/config/env";
import { createDatabaseConnections } from "../../server/db/connections";
import { isDatabaseUnavailableError } from "../../server/db/errors";
import { createLogger, type LogRecord } from "../../server/observability/logger";
import { databaseEnv } from "../helpers/app";
import { unreachableDatabaseUrl } from "../helpers/ports";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase("connections");
});
afterAll(() => database?.stop());

const quietLogger = (records: LogRecord[] = []) => createLogger({ level: "debug", sink: (r) => records.push(r) });

describe("connections", () => {
  test("getDatabases returns the same handles on every call, and close() makes them unusable", async () => {
    const config = loadConfig({ APP_ENV: "test", ...databaseEnv(database.url, { primary: database.databaseName("p1"), external: database.databaseName("e1") }) });
    const connections = createDatabaseConnections({ config, logger: quietLogger() });
    const [a, b] = await Promise.all([connections.getDatabases(), connections.getDatabases()]);
    expect(a).toBe(b);
    expect(a.primary.databaseName).toBe(database.databaseName("p1"));
    expect(a.external.databaseName).toBe(database.databaseName("e1"));
    await connections.close();
    await expect(a.primary.collection("x").findOne({})).rejects.toThrow();
  });

  test("queries are logged without their content, and the log never shows credentials", async () => {
    const records: LogRecord[] = [];
    const config = loadConfig({ APP_ENV: "test", ...databaseEnv(database.url, { primary: database.databaseName("p2"), external: database.databaseName("e2") }) });
    const connections = createDatabaseConnections({ config, logger: quietLogger(records) });
    const { primary } = await connections.getDatabases();
    await primary.collection("invoices").insertOne({ customer: "Very Secret Customer" });
    await connections.close();
    const query = records.find((r) => r.msg === "query" && r.command === "insert");
    expect(query).toMatchObject({ db: database.databaseName("p2"), collection: "invoices" });
    expect(typeof query?.durationMs).toBe("number");
    expect(JSON.stringify(records)).not.toContain("Very Secret Customer");
  });

  test("readiness reports each database with latency", async () => {
    const config = loadConfig({ APP_ENV: "test", ...databaseEnv(database.url, { primary: database.databaseName("p3"), external: database.databaseName("e3") }) });
    const connections = createDatabaseConnections({ config, logger: quietLogger() });
    try {
      const readiness = await connections.ping();
      expect(readiness.status).toBe("ok");
      expect(readiness.databases.primary.status).toBe("up");
      expect(readiness.databases.external.status).toBe("up");
      expect(readiness.databases.primary.latencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      await connections.close();
    }
  });
});

describe("unreachable databases", () => {
  test("an unreachable external database is 'degraded' and its reads fail with DatabaseUnavailableError", async () => {
    const records: LogRecord[] = [];
    const config = loadConfig({
      APP_ENV: "test",
      ...databaseEnv(database.url, { primary: database.databaseName("p4"), external: "unused" }),
      SCOPE321_DATABASE_URL: unreachableDatabaseUrl(),
    });
    const connections = createDatabaseConnections({ config, logger: quietLogger(records) });
    try {
      const readiness = await connections.ping();
      expect(readiness.status).toBe("degraded");
      expect(readiness.databases.external).toMatchObject({ status: "down", latencyMs: null });

      const { external } = await connections.getDatabases();
      let failure: unknown;
      try {
        await external.collection("sectors").findOne({});
      } catch (error) {
        failure = error;
      }
      expect(isDatabaseUnavailableError(failure)).toBe(true);
      expect((failure as { database: string }).database).toBe("external");
    } finally {
      await connections.close();
    }
  });

  test("credentials in an unreachable URL never appear in readiness or logs", async () => {
    const records: LogRecord[] = [];
    const url = unreachableDatabaseUrl().replace("mongodb://", "mongodb://admin:pa55word@");
    const config = loadConfig({ APP_ENV: "test", PRIMARY_DATABASE_URL: url });
    const connections = createDatabaseConnections({ config, logger: quietLogger(records) });
    try {
      const readiness = await connections.ping();
      expect(readiness.status).toBe("unavailable");
      expect(JSON.stringify(readiness)).not.toContain("pa55word");
      expect(records.length).toBeGreaterThan(0);
      expect(JSON.stringify(records)).not.toContain("pa55word");
    } finally {
      await connections.close();
    }
  });
});
