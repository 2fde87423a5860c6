import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// scripts/spec-compat runs whatever unified-format files it is pointed at: a directory on the command line is
// walked recursively (a whole checkout of mongodb/specifications), and JSON that is not a test file is skipped.
const root = mkdtempSync(join(tmpdir(), "spec-compat-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A unified-format file (schema 1.0): one insertOne whose outcome is `stored`. */
function unifiedFile(stored: unknown[]): string {
  return JSON.stringify({
    description: "insertOne",
    schemaVersion: "1.0",
    createEntities: [
      { client: { id: "client0" } },
      { database: { id: "database0", client: "client0", databaseName: "spec-dirs" } },
      { collection: { id: "collection0", database: "database0", collectionName: "coll0" } },
    ],
    initialData: [{ collectionName: "coll0", databaseName: "spec-dirs", documents: [] }],
    tests: [
      {
        description: "inserts one document",
        operations: [{ object: "collection0", name: "insertOne", arguments: { document: { _id: 1, x: 11 } } }],
        outcome: [{ collectionName: "coll0", databaseName: "spec-dirs", documents: stored }],
      },
    ],
  });
}

test("a directory argument runs every test file below it, at any depth, and skips other JSON", async () => {
  mkdirSync(join(root, "source", "crud", "tests", "unified"), { recursive: true });
  mkdirSync(join(root, "source", "other", "schema"), { recursive: true });
  writeFileSync(join(root, "source", "crud", "tests", "unified", "insertOne-pass.json"), unifiedFile([{ _id: 1, x: 11 }]));
  writeFileSync(join(root, "source", "crud", "tests", "insertOne-fail.json"), unifiedFile([{ _id: 1, x: 12 }]));
  writeFileSync(join(root, "source", "other", "schema", "schema.json"), JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#" }));
  writeFileSync(join(root, "source", "README.md"), "not JSON at all");

  const child = Bun.spawn([process.execPath, "scripts/spec-compat/run.ts", root], { stdout: "pipe", stderr: "pipe" });
  const [code, stdout] = await Promise.all([child.exited, new Response(child.stdout).text()]);
  expect(code).toBe(0);
  expect(stdout).toContain(`${join(root, "source", "crud", "tests", "unified", "insertOne-pass.json")}: 1 passed, 0 failed, 0 skipped`);
  expect(stdout).toContain(`${join(root, "source", "crud", "tests", "insertOne-fail.json")}: 0 passed, 1 failed, 0 skipped`);
  expect(stdout).toContain("1 of 3 JSON files are not test files");
  expect(stdout).toContain("total: 1 passed, 1 failed, 0 skipped");
}, 60_000);
