/** Runs the database scripts as the operator does: a child `bun` process with its own environment. */
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Variables a developer's shell may have set that would point a script somewhere else. */
const DATABASE_VARIABLES = [
  "APP_ENV",
  "PRIMARY_DATABASE_URL",
  "PRIMARY_DATABASE_NAME",
  "SCOPE321_DATABASE_URL",
  "EXTERNAL_DATABASE_NAME",
  "CLERK_SECRET_KEY",
  "CLERK_PUBLISHABLE_KEY",
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  "LOG_LEVEL",
];

export interface ScriptResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function scriptEnv(vars: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !DATABASE_VARIABLES.includes(key)) env[key] = value;
  }
  for (const [key, value] of Object.entries(vars)) if (value !== undefined) env[key] = value;
  return env;
}

/** Production needs these to validate at all; fake values, never used to reach Clerk. */
export const PRODUCTION_CLERK_VARS = {
  CLERK_SECRET_KEY: "sk_test_scriptsTestOnly",
  CLERK_PUBLISHABLE_KEY: "pk_test_scriptsTestOnly",
  CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
};

export async function runScript(script: string, args: string[], vars: Record<string, string | undefined>): Promise<ScriptResult> {
  const child = Bun.spawn([process.execPath, `scripts/${script}`, ...args], {
    cwd: REPO_ROOT,
    env: scriptEnv(vars),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr };
}

/** `npm run db -- --port 0 --memory` as a child process; resolves with its connection string. */
export async function startDbProcess(): Promise<{ uri: string; stop(): Promise<void> }> {
  const child = Bun.spawn([process.execPath, "scripts/db.ts", "--port", "0", "--memory"], {
    cwd: REPO_ROOT,
    env: scriptEnv({}),
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`npm run db exited before printing its URI: ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const uri = text.split("\n")[0]!.trim();
  return {
    uri,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}
