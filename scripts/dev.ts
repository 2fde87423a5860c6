/**
 * `npm run dev`: `remix watch` rebuilds the app on change; the Bun server is restarted whenever the build or
 * the server code changes. Works on a fresh clone with no environment: development profile, embedded database
 * under .data/. Restarting the whole server process (rather than hot-swapping the build) keeps one code path
 * for development and production and lets server/ changes apply too.
 */
import { watch, type FSWatcher } from "node:fs";
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { addressInUseMessage, isAddressInUse } from "../server/http/address-in-use";
import { withAllocatorSettings } from "../server/runtime/allocator";

const ROOT = resolve(import.meta.dir, "..");
const BUILD_FILE = join(ROOT, "build/index.js");
// build/ always: a VSME_BUILD_DIR left in the shell by a test run must not move the dev server's bundle.
const env = withAllocatorSettings({ ...process.env, APP_ENV: process.env.APP_ENV ?? "development", NODE_ENV: "development", VSME_BUILD_DIR: "build" });
const log = (msg: string) => console.log(`[dev] ${msg}`);

const mtime = () => statSync(BUILD_FILE, { throwIfNoEntry: false })?.mtimeMs ?? 0;

// A port already served would otherwise be shared with the other server (or fail only after the first build).
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";
try {
  Bun.serve({ port, hostname, reusePort: false, fetch: () => new Response(null) }).stop(true);
} catch (error) {
  if (!isAddressInUse(error)) throw error;
  console.error(addressInUseMessage("npm run dev", hostname, port));
  process.exit(1);
}

const startedAt = Date.now();
const remix = Bun.spawn([join(ROOT, "node_modules/.bin/remix"), "watch"], { cwd: ROOT, env, stdout: "inherit", stderr: "inherit" });

log("building…");
while (mtime() < startedAt) {
  if (remix.exitCode !== null) {
    log(`remix watch exited with ${remix.exitCode}`);
    process.exit(remix.exitCode || 1);
  }
  await Bun.sleep(200);
}

let server: Subprocess | undefined;
const startServer = () => {
  server = Bun.spawn([process.execPath, join(ROOT, "server/http/main.ts"), "--dev-watcher"], { cwd: ROOT, env, stdout: "inherit", stderr: "inherit" });
};
const stopServer = async () => {
  if (!server) return;
  const current = server;
  server = undefined;
  current.kill("SIGTERM");
  // The embedded database keeps its files under .data/: the old process must be gone before the next opens them.
  const exited = await Promise.race([current.exited.then(() => true), Bun.sleep(10_000).then(() => false)]);
  if (!exited) current.kill("SIGKILL");
  await current.exited;
};

let restarting: Promise<void> = Promise.resolve();
let timer: ReturnType<typeof setTimeout> | undefined;
const scheduleRestart = (why: string) => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    restarting = restarting.then(async () => {
      log(`${why} changed — restarting the server`);
      await stopServer();
      startServer();
    });
  }, 300);
};

startServer();
const watchers: FSWatcher[] = [
  watch(join(ROOT, "build"), (_event, file) => {
    if (file === "index.js") scheduleRestart("build");
  }),
  ...["server", "schemas"].map((dir) =>
    watch(join(ROOT, dir), { recursive: true }, (_event, file) => {
      if (file && /\.(ts|tsx|js|json)$/.test(file)) scheduleRestart(`${dir}/${file}`);
    }),
  ),
];

const shutdown = async () => {
  for (const w of watchers) w.close();
  clearTimeout(timer);
  remix.kill("SIGTERM");
  await restarting;
  await stopServer();
  await remix.exited;
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
