/** Runs the database scripts as the operator does: a child `bun` process with its own environment. */
import { fileURLToPath } from "node:url";
import { spawnDbProcess, type DbProcess } from "../helpers/embedded-mongo";

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
  "CLERK_JWT_KEY",
  "CLERK_AUTHORIZED_PARTIES",
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
  CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
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

/** `npm run db -- --port 0 --memory` as a child process, with the scripts' clean environment. */
export function startDbProcess(): Promise<DbProcess> {
  return spawnDbProcess(["--memory"], { env: scriptEnv({}) });
}
