/**
 * A fresh development or test start leaves a usable database behind: migrations applied (the unique indexes
 * exist) and, on the embedded server, the reference data loaded once. A profile that does not ask for it
 * (staging, production) touches nothing.
 */
import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../server/config/env";
import { createDatabaseConnections } from "../../server/db/connections";
import { MIGRATIONS } from "../../server/migrations/index";
import { prepareDatabaseOnStart } from "../../server/migrations/prepare-on-start";
import { createLogger } from "../../server/observability/logger";
import { startTestDatabase } from "../helpers/test-database";

const silent = createLogger({ level: "silent" });

describe("database preparation at start-up", () => {
  test("embedded test profile: migrations applied and reference data loaded, once", async () => {
    const connections = createDatabaseConnections({ config: loadConfig({ APP_ENV: "test" }), logger: silent });
    try {
      await prepareDatabaseOnStart(loadConfig({ APP_ENV: "test" }), connections, silent);
      const { primary, external } = await connections.getDatabases();
      const companyIndexes = await primary.collection("companies").listIndexes().toArray();
      expect(companyIndexes.some((index) => index.unique && "organizationId" in index.key)).toBe(true);
      const naceCodes = await external.collection("naceCodes").countDocuments({});
      expect(naceCodes).toBeGreaterThan(2000);

      // A second start finds everything in place and changes nothing.
      await prepareDatabaseOnStart(loadConfig({ APP_ENV: "test" }), connections, silent);
      expect(await external.collection("naceCodes").countDocuments({})).toBe(naceCodes);
      expect(await primary.collection("migrations").countDocuments({})).toBe(MIGRATIONS.length);
    } finally {
      await connections.close();
    }
  });

  test("staging profile: nothing is migrated or seeded", async () => {
    const database = await startTestDatabase("prepare-on-start");
    const config = loadConfig({
      APP_ENV: "staging",
      PRIMARY_DATABASE_URL: database.url,
      PRIMARY_DATABASE_NAME: database.databaseName("primary"),
      SCOPE321_DATABASE_URL: database.url,
      EXTERNAL_DATABASE_NAME: database.databaseName("external"),
      CLERK_SECRET_KEY: "sk_test_unused",
      CLERK_PUBLISHABLE_KEY: "pk_live_Y2xlcmsudnNtZS50ZXN0JA",
      CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
      CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
    });
    const connections = createDatabaseConnections({ config, logger: silent });
    try {
      await prepareDatabaseOnStart(config, connections, silent);
      const { primary } = await connections.getDatabases();
      expect(await primary.listCollections({}, { nameOnly: true }).toArray()).toEqual([]);
    } finally {
      await connections.close();
      await database.stop();
    }
  });
});
