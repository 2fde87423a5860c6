/**
 * Benches measure the app as it is started (server/runtime/allocator.ts): a bench started directly, without
 * `npm run bench`, runs itself again with the allocator settings, which only apply from a process's start.
 */
import { ALLOCATOR_ENV } from "../../server/runtime/allocator";

export async function runWithAllocatorSettings(): Promise<void> {
  const missing = Object.entries(ALLOCATOR_ENV).filter(([name]) => process.env[name] === undefined);
  if (missing.length === 0) return;
  const child = Bun.spawn([process.execPath, ...process.argv.slice(1)], {
    env: { ...process.env, ...Object.fromEntries(missing) },
    stdout: "inherit",
    stderr: "inherit",
  });
  process.exit(await child.exited);
}
