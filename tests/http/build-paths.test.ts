/**
 * Tests build into build-test/, never into build/ and public/build/: `npm test` while `npm run dev` runs must
 * leave the dev server's bundle alone. One real `remix build` into a scratch folder proves the dev folders are
 * untouched; the rest holds remix.config.js and server/http/build-paths.ts to the same rule.
 */
import { expect, test } from "bun:test";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { BUILD_DIR_VARIABLE, buildPaths } from "../../server/http/build-paths";
import { ROOT, TEST_BUILD } from "../helpers/remix-build";

/** remix.config.js as the Remix compiler reads it, under `env`. */
function remixConfig(env: Record<string, string | undefined>): { serverBuildPath: string; assetsBuildDirectory: string; publicPath: string } {
  const script = "const c = (await import('./remix.config.js')).default; console.log(JSON.stringify(c));";
  const { [BUILD_DIR_VARIABLE]: _preloaded, ...inherited } = process.env;
  const result = Bun.spawnSync([process.execPath, "-e", script], { cwd: ROOT, env: { ...inherited, ...env }, stdout: "pipe", stderr: "pipe" });
  return JSON.parse(result.stdout.toString());
}

/** Every file under `dir` with its modification time (empty when the folder does not exist). */
function snapshot(dir: string): Record<string, number> {
  const files: Record<string, number> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(dir, full)] = statSync(full).mtimeMs;
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

test("remix.config.js and the server agree on where a build goes: build/ by default, the tests' folder with VSME_BUILD_DIR", () => {
  for (const dir of [undefined, "build-test"]) {
    const config = remixConfig({ [BUILD_DIR_VARIABLE]: dir });
    const paths = buildPaths({ [BUILD_DIR_VARIABLE]: dir });
    expect(join(ROOT, config.serverBuildPath)).toBe(paths.serverBuild);
    expect(join(ROOT, config.assetsBuildDirectory)).toBe(paths.assetsDir);
    expect(config.publicPath).toBe("/build/");
  }
  expect(buildPaths({}).serverBuild).toBe(join(ROOT, "build/index.js"));
  expect(buildPaths({}).assetsDir).toBe(join(ROOT, "public/build"));
  // The helper every test builds through, and the child servers the tests start (preload), use the test folder.
  expect(TEST_BUILD.serverBuild).toBe(join(ROOT, "build-test/index.js"));
  expect(buildPaths().dir).toBe("build-test");
});

test("a build with VSME_BUILD_DIR writes its own folder and leaves build/ and public/build/ as they were", () => {
  const scratch = `build-test-scratch-${process.pid}`;
  const devServer = join(ROOT, "build");
  const devAssets = join(ROOT, "public/build");
  const before = { server: snapshot(devServer), assets: snapshot(devAssets) };
  try {
    const result = Bun.spawnSync([join(ROOT, "node_modules/.bin/remix"), "build"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", [BUILD_DIR_VARIABLE]: scratch },
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(result.exitCode).toBe(0);
    const paths = buildPaths({ [BUILD_DIR_VARIABLE]: scratch });
    expect(existsSync(paths.serverBuild)).toBe(true);
    expect(readdirSync(paths.assetsDir).some((name) => /^manifest-[A-Z0-9]+\.js$/.test(name))).toBe(true);
    expect({ server: snapshot(devServer), assets: snapshot(devAssets) }).toEqual(before);
  } finally {
    rmSync(join(ROOT, scratch), { recursive: true, force: true });
  }
}, 240_000);
