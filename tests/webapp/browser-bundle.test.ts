/**
 * What a page makes the browser load (the entry, the manifest's chunks for the page's routes and their
 * imports) holds no schema library and, with the local sign-in, none of Clerk's SDK: inline validation runs
 * the action's Zod schema on the server, and Clerk's chunk is imported only when the app runs with Clerk
 * (ADR 0065). The sizes themselves are the bench's (bench/webapp.bench.ts); this guards the cause.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
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

/** The page routes (API routes answer JSON and are never loaded by the browser), each with its parents. */
function pages(): [string, string[]][] {
  const chain = (id: string): string[] => {
    const parent = (manifest.routes[id] as { parentId?: string } | undefined)?.parentId;
    return parent ? [...chain(parent), id] : [id];
  };
  return Object.keys(manifest.routes)
    .filter((id) => id !== "root" && id !== "routes/_app" && !id.startsWith("routes/api."))
    .map((id) => [id, chain(id)]);
}

describe("browser JavaScript of the pages", () => {
  test("the pages checked include every form page", () => {
    const ids = pages().map(([id]) => id);
    for (const id of ["routes/_app.reports.$year_.$section", "routes/_app.reports.$year", "routes/_app.company", "routes/_app.reports._index", "routes/_app.settings.api-keys", "routes/sign-in.$"]) {
      expect(ids).toContain(id);
    }
  });

  test("no page loads Zod or Clerk's SDK (with the local sign-in)", () => {
    const offending: string[] = [];
    for (const [id, routes] of pages()) {
      const files = pageFiles(routes);
      for (const url of files) {
        const code = read(url);
        if (ZOD.test(code)) offending.push(`${id}: Zod in ${url}`);
        if (CLERK.test(code)) offending.push(`${id}: Clerk's SDK in ${url}`);
      }
    }
    expect(offending).toEqual([]);
  });

  test("Clerk's SDK is a chunk of its own that every page can import on demand, never a static import", () => {
    // (The assets folder may keep older builds' chunks: only what this build's files import counts.)
    const dynamic = new Set<string>();
    for (const url of pageFiles(["root"])) for (const match of read(url).matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)) dynamic.add(match[1]!);
    const clerkChunks = [...dynamic].filter((url) => CLERK.test(read(url)));
    expect(clerkChunks.length).toBe(1);
    expect(manifest.entry.imports ?? []).not.toContain(clerkChunks[0]!);
    for (const route of Object.values(manifest.routes)) expect(route.imports ?? []).not.toContain(clerkChunks[0]!);
  });
});
