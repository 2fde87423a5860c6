/**
 * `npm start` in the development profile on a first start (fresh embedded data directory): the log holds the
 * requests that matter and no noise — no query log unless LOG_LEVEL=debug, no line per static file, no
 * "slow query" warnings for the reference data loaded on start, and /favicon.ico is served.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type LogRecord } from "../../server/observability/logger";
import { routeLibraryWarnings } from "../../server/observability/library-warnings";
import { logRecords, startMain } from "../helpers/main-process";
import { closedPort } from "../helpers/ports";
import { ensureRemixBuild } from "../helpers/remix-build";
import { scriptEnv } from "../scripts/support";

// The development profile keeps its embedded database under the working directory's .data/: a fresh one.
let workDir: string;
beforeAll(() => {
  ensureRemixBuild();
  workDir = mkdtempSync(join(tmpdir(), "vsme-quiet-logs-"));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function visit(baseUrl: string) {
  const page = await fetch(`${baseUrl}/`);
  const html = await page.text();
  const asset = /<script[^>]+src="(\/build\/[^"]+\.js)"/.exec(html)?.[1] ?? /href="(\/build\/[^"]+)"/.exec(html)?.[1];
  const favicon = await fetch(`${baseUrl}/favicon.ico`);
  const assetResponse = await fetch(`${baseUrl}${asset}`);
  const missing = await fetch(`${baseUrl}/no-such-page`);
  return { page, asset: asset!, assetResponse, favicon, missing, faviconBytes: new Uint8Array(await favicon.arrayBuffer()) };
}

describe("development logs", () => {
  test("a first start logs requests to pages only: no query log, no asset lines, no slow queries", async () => {
    const port = closedPort();
    const app = startMain(scriptEnv({ APP_ENV: "development", PORT: String(port) }), { cwd: workDir });
    try {
      const started = await app.until(/reference data loaded into the embedded external database/, 90_000);
      expect(started).toContain("reference data loaded");
      const { page, asset, assetResponse, favicon, faviconBytes, missing } = await visit(`http://127.0.0.1:${port}`);
      expect([page.status, assetResponse.status, favicon.status, missing.status]).toEqual([200, 200, 200, 404]);
      expect(favicon.headers.get("content-type")).toBe("image/x-icon");
      expect([...faviconBytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
      await Bun.sleep(300);

      const records = logRecords(app.output);
      const requested = records.filter((record) => record.msg === "request").map((record) => `${record.status} ${record.path}`);
      expect(requested).toEqual(["200 /", "404 /no-such-page"]);
      expect(requested.join()).not.toContain(asset);
      const messages = records.map((record) => record.msg);
      expect(messages).not.toContain("query");
      expect(messages).not.toContain("slow query");
      expect(app.output).not.toContain("No routes matched");
      expect(records.filter((record) => record.level === "warn" || record.level === "error")).toEqual([]);
    } finally {
      await app.stop();
    }
  }, 120_000);

  test("LOG_LEVEL=debug adds the query log and the static files", async () => {
    const port = closedPort();
    const app = startMain(scriptEnv({ APP_ENV: "development", PORT: String(port), LOG_LEVEL: "debug" }), { cwd: workDir });
    try {
      await app.until(/"msg":"databases ready"/, 60_000);
      await visit(`http://127.0.0.1:${port}`);
      await Bun.sleep(300);
      const records = logRecords(app.output);
      expect(records.some((record) => record.msg === "query")).toBe(true);
      expect(records.some((record) => record.msg === "request" && record.path === "/favicon.ico")).toBe(true);
    } finally {
      await app.stop();
    }
  }, 120_000);
});

test("Remix's 'No routes matched' warnings go through the structured logger at debug; other warnings pass", () => {
  const records: LogRecord[] = [];
  const printed: unknown[][] = [];
  const target = { warn: (...args: unknown[]) => void printed.push(args) };
  const remove = routeLibraryWarnings(createLogger({ level: "debug", sink: (record) => void records.push(record) }), target);
  target.warn('No routes matched location "/favicon.png" ');
  target.warn("something else", 1);
  remove();
  target.warn('No routes matched location "/after" ');
  expect(records).toEqual([expect.objectContaining({ level: "debug", msg: "no route matched", path: "/favicon.png" })]);
  expect(printed).toEqual([["something else", 1], ['No routes matched location "/after" ']]);
});
