/** `npm run build` ends by printing the largest browser chunk of the build it just made, raw and gzipped. */
import { beforeAll, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "bun";
import { browserChunks } from "../../scripts/report-bundle";
import { ensureRemixBuild, ROOT, TEST_BUILD } from "../helpers/remix-build";

beforeAll(() => ensureRemixBuild());

test("the largest chunk is the biggest JavaScript file of this build's manifest, measured gzipped", () => {
  const chunks = browserChunks(TEST_BUILD);
  expect(chunks.length).toBeGreaterThan(3);
  const [largest] = chunks;
  // Every shared chunk on disk that this build links to is no bigger than the one reported.
  const shared = readdirSync(join(TEST_BUILD.assetsDir, "_shared")).map((name) => `/build/_shared/${name}`);
  for (const url of shared.filter((url) => chunks.some((chunk) => chunk.url === url))) {
    const bytes = readFileSync(join(TEST_BUILD.assetsDir, url.slice("/build/".length)));
    expect(gzipSync(bytes).byteLength).toBeLessThanOrEqual(largest!.gzipBytes);
  }
  expect(largest!.bytes).toBe(statSync(join(TEST_BUILD.assetsDir, largest!.url.slice("/build/".length))).size);
  expect(largest!.gzipBytes).toBeLessThan(largest!.bytes);
});

test("the script prints one line naming the largest chunk with both sizes", () => {
  const result = Bun.spawnSync([process.execPath, "scripts/report-bundle.ts"], { cwd: ROOT, env: process.env, stdout: "pipe", stderr: "pipe" });
  expect(result.exitCode).toBe(0);
  const [largest] = browserChunks(TEST_BUILD);
  const line = result.stdout.toString().split("\n").find((text) => text.startsWith("largest browser chunk:"));
  expect(line).toBe(
    `largest browser chunk: ${largest!.url} ${(largest!.bytes / 1024).toFixed(1)} KB (${(largest!.gzipBytes / 1024).toFixed(1)} KB gzipped)`,
  );
});
