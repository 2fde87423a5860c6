import { afterEach, describe, expect, test } from "bun:test";
import { ObjectId } from "bson";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorageEngine } from "../../../server/embedded-mongo/engine";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "engine-persist-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ns = { db: "app", coll: "reports" };

describe("on-disk storage", () => {
  test("one SQLite file per database; everything is there after reopening", () => {
    const dir = tempDir();
    const id = new ObjectId();
    let engine = createStorageEngine({ dataDir: dir });
    engine.createCollection(ns, { validator: { title: { $type: "string" } } });
    engine.createIndexes(ns, [{ key: { title: 1 }, name: "title_1", unique: true }]);
    engine.insertOne(ns, { _id: id, title: "2024", at: new Date(1700000000000) });
    engine.insertOne({ db: "other", coll: "x" }, { _id: 1 });
    const uuid = engine.getCollection(ns)?.info.uuid;
    engine.close();
    expect(existsSync(join(dir, "app.sqlite"))).toBe(true);
    expect(existsSync(join(dir, "other.sqlite"))).toBe(true);

    engine = createStorageEngine({ dataDir: dir });
    expect(engine.listDatabases().map((d) => d.name)).toEqual(["app", "other"]);
    expect(engine.getCollection(ns)?.options).toEqual({ validator: { title: { $type: "string" } } });
    expect(String(engine.getCollection(ns)?.info.uuid)).toBe(String(uuid));
    expect(engine.find(ns, { _id: id })).toEqual([{ _id: id, title: "2024", at: new Date(1700000000000) }]);
    expect(engine.listIndexes(ns).map((i) => i.name)).toEqual(["_id_", "title_1"]);
    expect(() => engine.insertOne(ns, { _id: 2, title: "2024" })).toThrow(/E11000/);
    expect(engine.plan(ns, { title: "2024" })).toMatchObject({ stage: "IXSCAN", indexName: "title_1" });
    engine.dropDatabase("other");
    engine.close();
    expect(existsSync(join(dir, "other.sqlite"))).toBe(false);
    engine = createStorageEngine({ dataDir: dir });
    expect(engine.listDatabases().map((d) => d.name)).toEqual(["app"]);
    engine.close();
  });

  test("acknowledged writes survive kill -9 of the process", async () => {
    const dir = tempDir();
    const script = `
      import { createStorageEngine } from ${JSON.stringify(join(import.meta.dir, "../../../server/embedded-mongo/engine"))};
      const engine = createStorageEngine({ dataDir: ${JSON.stringify(dir)} });
      const ns = { db: "app", coll: "reports" };
      engine.createIndexes(ns, [{ key: { n: 1 }, name: "n_1" }]);
      for (let i = 0; i < 200; i++) engine.insertOne(ns, { _id: i, n: i });
      engine.replaceOne(ns, 0, { _id: 0, n: -1 });
      engine.deleteOne(ns, 1);
      const txn = engine.beginTransaction();
      engine.insertOne(ns, { _id: "t", n: 1000 }, { txn });
      engine.commitTransaction(txn);
      const open = engine.beginTransaction();
      engine.insertOne(ns, { _id: "uncommitted", n: 2000 }, { txn: open });
      process.stdout.write("done\\n");
      setInterval(() => {}, 1000);
    `;
    const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
    const reader = child.stdout.getReader();
    let out = "";
    while (!out.includes("done")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += new TextDecoder().decode(value);
    }
    expect(out).toContain("done");
    child.kill("SIGKILL");
    await child.exited;
    expect(child.signalCode).toBe("SIGKILL");

    const engine = createStorageEngine({ dataDir: dir });
    expect(engine.count(ns, {})).toBe(200);
    expect(engine.find(ns, { _id: 0 })).toEqual([{ _id: 0, n: -1 }]);
    expect(engine.find(ns, { _id: 1 })).toEqual([]);
    expect(engine.find(ns, { n: 1000 })).toEqual([{ _id: "t", n: 1000 }]);
    expect(engine.find(ns, { _id: "uncommitted" })).toEqual([]);
    expect(engine.plan(ns, { n: 150 })).toMatchObject({ stage: "IXSCAN", docsExamined: 1 });
    engine.close();
  });
});
