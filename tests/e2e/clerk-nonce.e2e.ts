/**
 * With real Clerk keys, clerk-js is loaded by a script tag the browser SDK inserts after hydration; it must
 * carry the response's CSP nonce. This spec starts its own app server configured with (made-up) Clerk keys —
 * nothing reaches Clerk: the clerk-js request is answered here with a script that reports its own nonce.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";

// Playwright runs from the repository root (scripts/e2e.ts).
const ROOT = resolve(process.cwd());
const FRONTEND_API = "clerk.nonce-test.example";

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

let server: ChildProcess | undefined;
let baseUrl = "";

test.beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  server = spawn(join(ROOT, "node_modules/.bin/bun"), [join(ROOT, "server/http/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_ENV: "test",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from(`${FRONTEND_API}$`).toString("base64")}`,
      CLERK_SECRET_KEY: "sk_live_madeUpForTheNonceTest",
      CLERK_JWT_KEY: publicKey.export({ type: "spki", format: "pem" }).toString(),
    },
    stdio: "ignore",
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error("the Clerk-configured app did not start");
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("Clerk's script tag carries the response's CSP nonce, and runs", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "js-off", "clerk-js is inserted by the browser SDK: JavaScript only");
  await page.route(`https://${FRONTEND_API}/**`, (route) =>
    route.fulfill({
      contentType: "application/javascript",
      body: "window.__clerkScriptNonce = document.currentScript && document.currentScript.nonce;",
    }),
  );
  const response = await page.goto(`${baseUrl}/sign-in`);
  expect(response?.status()).toBe(200);
  const nonce = /'nonce-([^']+)'/.exec(response?.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  await page.waitForFunction(() => (window as { __clerkScriptNonce?: string }).__clerkScriptNonce !== undefined, null, { timeout: 15_000 });
  expect(await page.evaluate(() => (window as { __clerkScriptNonce?: string }).__clerkScriptNonce)).toBe(nonce);
});
