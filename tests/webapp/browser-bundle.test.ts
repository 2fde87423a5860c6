/**
 * What a page makes the browser load (the entry, the manifest's chunks for the page's routes and their
 * imports) holds no schema library and, with the local sign-in, none of Clerk's SDK: inline validation runs
 * the action's Zod schema on the server, and Clerk's chunk is imported only when the app runs with Clerk
 * (ADR 0065). The sizes themselves are the bench's (bench/webapp.bench.ts); this guards the cause.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureRemixBuild, TEST_BUILD } from "../helpers/remix-build";

interface Manifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}

let manifest: Manifest;
const read = (url: string) => readFileSync(join(TEST_BUILD.assetsDir, url.replace(/^\/build\//, "")), "utf8");

beforeAll(() => {
  ensureRemixBuild();
  const serverBuild = readFileSync(TEST_BUILD.serverBuild, "utf8");
  const url = /\/build\/(manifest-[A-Z0-9]+\.js)/.exec(serverBuild)?.[1];
  if (!url) throw new Error("no browser manifest in the test build");
  const text = read(url);
  manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}, 120_000);

/** The files a page of these routes loads before it reacts to input. */
function pageFiles(routeIds: string[]): string[] {
  const urls = new Set([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of routeIds) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the manifest`);
    for (const url of [route.module, ...(route.imports ?? [])]) urls.add(url);
  }
  return [...urls];
}

// Markers that survive minification: Zod's class names, Clerk's SDK package names (sent in its telemetry).
const ZOD = /\$ZodType|\$ZodError/;
const CLERK = /@clerk\/(clerk-react|remix|shared)/;

const FORM_PAGES = {
  "a disclosure form": "routes/_app.reports.$year_.$section",
  "the report overview": "routes/_app.reports.$year",
  "the dashboard": "routes/_app.dashboard",
};

describe("browser JavaScript of the signed-in pages", () => {
  for (const [page, routeId] of Object.entries(FORM_PAGES)) {
    test(`${page} loads neither Zod nor Clerk's SDK`, () => {
      const files = pageFiles(["root", "routes/_app", routeId]);
      expect(files.length).toBeGreaterThan(3);
      expect(files.filter((url) => ZOD.test(read(url)))).toEqual([]);
      expect(files.filter((url) => CLERK.test(read(url)))).toEqual([]);
    });
  }

  test("Clerk's SDK is in the build, in a chunk of its own that pages only import on demand", () => {
    const shared = readdirSync(join(TEST_BUILD.assetsDir, "_shared")).map((name) => `/build/_shared/${name}`);
    const clerkChunks = shared.filter((url) => url.endsWith(".js") && CLERK.test(read(url)));
    expect(clerkChunks.length).toBe(1);
    const chunk = clerkChunks[0]!;
    // Never a static import (those the HTML preloads), but a dynamic import() of what every page loads.
    expect(manifest.entry.imports ?? []).not.toContain(chunk);
    for (const route of Object.values(manifest.routes)) expect(route.imports ?? []).not.toContain(chunk);
    const importers = pageFiles(["root"]).filter((url) => read(url).includes(`import("${chunk}")`));
    expect(importers.length).toBe(1);
  });
});
