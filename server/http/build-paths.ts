/**
 * Where a Remix build lives. `npm run build` / `npm run dev` write `build/` (server) and `public/build/`
 * (browser assets); the tests build into a folder of their own (VSME_BUILD_DIR=build-test, set by the test
 * preload and scripts/e2e.ts) so `npm test` beside a running `npm run dev` never replaces the dev server's
 * bundle. remix.config.js applies the same rule (it cannot import TypeScript; tests/http/build-paths.test.ts
 * holds the two together).
 */
import { resolve } from "node:path";

export const BUILD_DIR_VARIABLE = "VSME_BUILD_DIR";
const ROOT = resolve(import.meta.dir, "../..");

export interface BuildPaths {
  /** The folder's name relative to the project, e.g. "build" or "build-test". */
  dir: string;
  serverBuild: string;
  /** Served at /build/. */
  assetsDir: string;
}

export function buildPaths(env: Record<string, string | undefined> = process.env): BuildPaths {
  const dir = env[BUILD_DIR_VARIABLE]?.trim() || "build";
  return {
    dir,
    serverBuild: resolve(ROOT, dir, "index.js"),
    assetsDir: dir === "build" ? resolve(ROOT, "public/build") : resolve(ROOT, dir, "assets"),
  };
}
