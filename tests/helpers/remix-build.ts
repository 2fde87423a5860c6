/**
 * Builds the Remix app once for the test run (only when the test build is older than the sources) and loads
 * it. The tests build into build-test/ (server) and build-test/assets/ (browser), never build/ and
 * public/build/: `npm test` beside a running `npm run dev` must not replace the dev server's bundle.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ServerBuild } from "@remix-run/server-runtime";
import { BUILD_DIR_VARIABLE, buildPaths } from "../../server/http/build-paths";

export const ROOT = resolve(import.meta.dir, "../..");
export const TEST_BUILD_DIR = "build-test";
export const TEST_BUILD = buildPaths({ [BUILD_DIR_VARIABLE]: TEST_BUILD_DIR });
export const BUILD_FILE = TEST_BUILD.serverBuild;

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsStale(): boolean {
  const built = statSync(BUILD_FILE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  // Routes bundle what they import from schemas/ and server/ too (the API contracts, the OpenAPI builder).
  const sources = Math.max(...["app", "schemas", "server", "remix.config.js"].map((path) => newestMtime(join(ROOT, path))));
  return built < sources || !browserAssetsMatch() || !isProductionBuild();
}

/** Tests run against a production build (a development one warns and bundles differently). */
function isProductionBuild(): boolean {
  return existsSync(BUILD_FILE) && /\bmode = "production"/.test(readFileSync(BUILD_FILE, "utf8"));
}

/** The browser assets the server build links to are there (another `remix build` may have replaced them). */
function browserAssetsMatch(): boolean {
  if (!existsSync(BUILD_FILE)) return false;
  const manifest = /\/build\/(manifest-[A-Z0-9]+\.js)/.exec(readFileSync(BUILD_FILE, "utf8"))?.[1];
  return manifest !== undefined && existsSync(join(TEST_BUILD.assetsDir, manifest));
}

export function ensureRemixBuild(): void {
  if (!buildIsStale()) return;
  const result = Bun.spawnSync([join(ROOT, "node_modules/.bin/remix"), "build"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NODE_ENV: "production", [BUILD_DIR_VARIABLE]: TEST_BUILD_DIR },
  });
  if (result.exitCode !== 0) {
    throw new Error(`remix build failed:\n${result.stdout.toString()}\n${result.stderr.toString()}`);
  }
}

let loaded: Promise<ServerBuild> | undefined;
export function loadRemixBuild(): Promise<ServerBuild> {
  loaded ??= (async () => {
    ensureRemixBuild();
    return (await import(BUILD_FILE)) as ServerBuild;
  })();
  return loaded;
}
