/**
 * A port that is already served stops `npm start`, `npm run dev` and `npm run db` with one clear line and a
 * non-zero exit, instead of sharing the port with the first server (or printing a stack trace).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { unreachableDatabaseUrl } from "../helpers/ports";
import { ensureRemixBuild } from "../helpers/remix-build";

const ROOT = new URL("../../", import.meta.url).pathname;
let occupant: ReturnType<typeof Bun.serve>;
beforeAll(() => {
  occupant = Bun.serve({ hostname: "127.0.0.1", port: 0, reusePort: false, fetch: () => new Response("first server") });
});
afterAll(() => occupant?.stop(true));

async function run(command: string[], env: Record<string, string>) {
  const child = Bun.spawn(command, { cwd: ROOT, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const [exitCode, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);
  clearTimeout(timer);
  return { exitCode, stdout, stderr };
}

// @clerk/remix prints a deprecation banner when the build loads (not ours to silence); everything else counts.
const CLERK_BANNER = /clerk|Please migrate|Migration guide|React Router SDK/i;
const oneLine = (text: string) => text.trim().split("\n").filter((line) => line.trim() !== "" && !CLERK_BANNER.test(line));

describe("a port already in use", () => {
  test("npm start exits 1 with one line naming the port", async () => {
    ensureRemixBuild();
    const database = unreachableDatabaseUrl();
    const result = await run([process.execPath, "server/http/main.ts"], {
      APP_ENV: "test",
      PORT: String(occupant.port),
      HOST: "127.0.0.1",
      PRIMARY_DATABASE_URL: database,
      SCOPE321_DATABASE_URL: database,
    });
    expect(result.exitCode).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringContaining(`npm start: port ${occupant.port} on 127.0.0.1 is already in use`)]);
    // The first server still answers alone.
    expect(await (await fetch(`http://127.0.0.1:${occupant.port}/`)).text()).toBe("first server");
  }, 90_000);

  test("npm run dev exits 1 before building", async () => {
    const result = await run([process.execPath, "scripts/dev.ts"], { PORT: String(occupant.port) });
    expect(result.exitCode).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringContaining(`npm run dev: port ${occupant.port} on 127.0.0.1 is already in use`)]);
    expect(result.stdout).not.toContain("building");
  }, 90_000);

  test("npm run db -- --port N exits 1 with one line, no stack trace", async () => {
    const result = await run([process.execPath, "scripts/db.ts", "--memory", "--port", String(occupant.port)], {});
    expect(result.exitCode).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringContaining(`npm run db: port ${occupant.port} on 127.0.0.1 is already in use`)]);
  }, 90_000);
});
