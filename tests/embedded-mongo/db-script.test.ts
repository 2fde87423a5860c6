import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../server/embedded-mongo";

// `npm run db` on a directory another server owns: one clear line and exit code 1, no stack trace.
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test("scripts/db.ts on a data directory in use prints only the reason and exits 1", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "vsme-db-script-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const owner: EmbeddedMongo = await startEmbeddedMongo({ dataDir });
  cleanups.push(() => owner.stop());

  const child = Bun.spawn([process.execPath, "scripts/db.ts", "--port", "0", "--data-dir", dataDir], { stdout: "pipe", stderr: "pipe" });
  const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);

  expect(code).toBe(1);
  expect(stdout).toBe("");
  expect(stderr.trim()).toBe(
    `The data directory ${dataDir} is already used by the embedded MongoDB server of process ${process.pid} (${owner.uri}): ` +
      `connect to it, or stop it first. If no such process runs, delete ${join(dataDir, "embedded-mongo.lock")}.`,
  );
  expect(stderr).not.toContain("    at ");
});
