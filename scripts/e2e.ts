/**
 * `npm run test:e2e`: builds the app, starts it on a free port (test profile, in-memory embedded database),
 * runs Playwright against it, stops it, and exits with Playwright's exit code.
 */
import { join, resolve } from "node:path";
import { withAllocatorSettings } from "../server/runtime/allocator";

const ROOT = resolve(import.meta.dir, "..");
const bin = (name: string) => join(ROOT, "node_modules/.bin", name);

// The tests' own build folder: a `npm run dev` running beside keeps its bundle (server/http/build-paths.ts).
const testEnv = { ...process.env, VSME_BUILD_DIR: "build-test" };
const build = Bun.spawnSync([bin("remix"), "build"], { cwd: ROOT, stdout: "inherit", stderr: "inherit", env: { ...testEnv, NODE_ENV: "production" } });
if (build.exitCode !== 0) process.exit(build.exitCode ?? 1);

const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
const port = probe.port;
probe.stop(true);

const baseUrl = `http://127.0.0.1:${port}`;
const server = Bun.spawn([process.execPath, join(ROOT, "server/http/main.ts")], {
  cwd: ROOT,
  env: withAllocatorSettings({ ...testEnv, APP_ENV: "test", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }),
  stdout: "inherit",
  stderr: "inherit",
});

const stopServer = async () => {
  if (server.exitCode === null) server.kill("SIGTERM");
  await server.exited;
};

let exitCode = 1;
try {
  let ready = false;
  for (let i = 0; i < 100 && !ready && server.exitCode === null; i++) {
    try {
      ready = (await fetch(`${baseUrl}/readyz`)).ok;
    } catch {
      // not listening yet
    }
    if (!ready) await Bun.sleep(200);
  }
  if (!ready) throw new Error(`the app did not become ready on ${baseUrl}`);

  const playwright = Bun.spawn([bin("playwright"), "test", ...process.argv.slice(2)], {
    cwd: ROOT,
    // Specs that start a server of their own (clerk-nonce) serve the same test build.
    env: { ...testEnv, BASE_URL: baseUrl },
    stdout: "inherit",
    stderr: "inherit",
  });
  exitCode = await playwright.exited;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await stopServer();
}
process.exit(exitCode);
