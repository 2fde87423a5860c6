/**
 * The database every DB test talks to, over the wire: TEST_DATABASE_URL when set (a real MongoDB — Atlas or a
 * local replica set — to check parity), otherwise an in-memory embedded server started for the test file.
 * Each test file gets its own database names, so files never see each other's data.
 */
import { MongoClient } from "mongodb";
import { startEmbeddedMongo } from "../../server/embedded-mongo/index";

export type TestDatabase = {
  /** Connection string to pass as PRIMARY_DATABASE_URL / SCOPE321_DATABASE_URL. */
  readonly url: string;
  /** True when running against TEST_DATABASE_URL. */
  readonly real: boolean;
  /** A database name unique to this test file and purpose, e.g. databaseName("primary"). */
  databaseName(purpose: string): string;
  /** Drops the databases this file created (real MongoDB) or stops the embedded server. */
  stop(): Promise<void>;
};

export async function startTestDatabase(fileLabel: string): Promise<TestDatabase> {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const label = fileLabel.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 20);
  const names = new Set<string>();
  const databaseName = (purpose: string) => {
    const name = `t-${label}-${purpose.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 12)}-${run}`.slice(0, 63);
    names.add(name);
    return name;
  };

  const realUrl = process.env.TEST_DATABASE_URL?.trim();
  if (realUrl) {
    return {
      url: realUrl,
      real: true,
      databaseName,
      async stop() {
        const client = new MongoClient(realUrl, { serverSelectionTimeoutMS: 5_000 });
        try {
          for (const name of names) await client.db(name).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }

  const embedded = await startEmbeddedMongo({ memory: true });
  return { url: embedded.uri, real: false, databaseName, stop: () => embedded.stop() };
}
