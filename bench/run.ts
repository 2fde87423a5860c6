/** `npm run bench`: runs every bench/*.bench.ts in its own process, one after another; each prints its figures. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { withAllocatorSettings } from "../server/runtime/allocator";

const dir = import.meta.dir;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  // Each bench runs with the allocator settings the app server is started with (server/runtime/allocator.ts).
  const child = Bun.spawn([process.execPath, join(dir, file)], { env: withAllocatorSettings({ ...process.env }), stdout: "inherit", stderr: "inherit" });
  const code = await child.exited;
  if (code !== 0) {
    console.error(`${file} exited with ${code}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
