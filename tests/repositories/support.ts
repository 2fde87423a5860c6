/** Shared set-up for repository and service tests: a real server over the wire, one database per file. */
import { MongoClient, type Db } from "mongodb";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

export interface RepositoryTestContext {
  database: TestDatabase;
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

export async function openTestDb(label: string): Promise<RepositoryTestContext> {
  const database = await startTestDatabase(label);
  const client = new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  const db = client.db(database.databaseName("primary"));
  return {
    database,
    client,
    db,
    async close() {
      await client.close();
      await database.stop();
    },
  };
}

export const alice = { userId: "user_alice", role: "org:admin" } as const;
export const bob = { userId: "user_bob", role: "org:member" } as const;
export const mallory = { userId: "user_mallory", role: "org:admin" } as const;

/** A valid company profile (NACE Rev. 2.1 class 10.71, bakery); `name` and `registration` vary per test file. */
export function companyInput(name = "Bäckerei Müller GmbH", registration = "HRB 12345") {
  return {
    name,
    identifier: { scheme: "national", country: "DE", value: registration },
    legalForm: "private_limited_liability",
    country: "DE",
    nace: { revision: "2.1", code: "10.71" },
    currency: "EUR",
  } as const;
}

/** A draft report of a calendar year with no sections yet. */
export function draftReportInput(year: number, turnover = 1_000_000) {
  return {
    year,
    period: { start: `${year}-01-01`, end: `${year}-12-31` },
    module: "basic",
    turnover: { amount: turnover, currency: "EUR" },
  } as const;
}
