/**
 * One embedded server per data directory: a second server (in this process or another) is refused with the
 * first one's connection string, a lock left by a killed process is taken over, and the development default
 * connects to a live server instead of opening the files a second time.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { loadConfig } from "../../server/config/env";
import { startEmbeddedDefault } from "../../server/db/embedded-default";
import { DataDirectoryInUseError, startEmbeddedMongo, type EmbeddedMongo } from "../../server/embedded-mongo";
import { createLogger } from "../../server/observability/logger";
import { spawnDbProcess } from "../helpers/embedded-mongo";

const dirs: string[] = [];
const servers: EmbeddedMongo[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "vsme-lock-"));
  dirs.push(dir);
  return dir;
};
const start = async (dataDir: string) => {
  const server = await startEmbeddedMongo({ dataDir });
  servers.push(server);
  return server;
};

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("data directory lock", () => {
  test("a second server on the same directory is refused, naming the first; after stop the directory is free", async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const refusal = await startEmbeddedMongo({ dataDir }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataDirectoryInUseError);
    expect((refusal as Error).message).toContain(first.uri);

    await first.stop();
    const second = await start(dataDir);
    expect(second.uri).toStartWith("mongodb://127.0.0.1:");
  });

  test("another process is refused while the first serves; a lock left by kill -9 is taken over", async () => {
    const dataDir = tempDir();
    const { child, uri: childUri } = await spawnDbProcess(["--data-dir", dataDir]);

    const refusal = await startEmbeddedMongo({ dataDir }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataDirectoryInUseError);
    expect((refusal as Error).message).toContain(childUri);

    const client = new MongoClient(childUri);
    await client.db("locktest").collection("things").insertOne({ name: "kept" });
    await client.close();

    child.kill("SIGKILL");
    await child.exited;
    const restarted = await start(dataDir);
    const again = new MongoClient(restarted.uri);
    expect(await again.db("locktest").collection("things").findOne({}, { projection: { _id: 0 } })).toEqual({ name: "kept" } as never);
    await again.close();
  });

  test("the development default connects to the server already serving its directory", async () => {
    const dataDir = tempDir();
    const running = await start(dataDir);
    const config = loadConfig({ APP_ENV: "development" });
    const devConfig = { ...config, database: { ...config.database, embedded: { ...config.database.embedded, dataDir } } };
    const shared = await startEmbeddedDefault(devConfig, createLogger({ level: "silent" }));
    // Not a server of its own: same address, and stopping it leaves the running one alone.
    expect(shared.uri).toBe(running.uri);
    await shared.stop();
    const client = new MongoClient(running.uri);
    expect((await client.db("admin").command({ ping: 1 })).ok).toBe(1);
    await client.close();
  });
});
