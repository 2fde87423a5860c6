/** `npm run db -- --memory --port 0` as a child process: the embedded database outside the app's process. */
import { join } from "node:path";
import { firstLine } from "./first-line";

export interface DatabaseProcess {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts it and resolves once it printed its connection string (it then accepts connections). */
export async function startDatabaseProcess(): Promise<DatabaseProcess> {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "../../scripts/db.ts"), "--memory", "--port", "0"], { stdout: "pipe", stderr: "inherit" });
  const uri = (await firstLine(child.stdout, "the database process exited before printing its connection string")).trim();
  return {
    uri,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}
