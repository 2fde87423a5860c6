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
