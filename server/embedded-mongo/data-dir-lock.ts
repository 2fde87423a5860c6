/**
 * One embedded server per data directory. The storage engine keeps catalog, index and transaction state in
 * memory beside the SQLite files, so two processes opening the same directory would each trust a picture the
 * other is changing. The first server claims the directory with a lock file (created exclusively) naming its
 * process and connection string; a second one is refused with that connection string, and development tools
 * that find a live owner connect to it instead of starting their own (see server/db/embedded-default.ts).
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

const LOCK_FILE = "embedded-mongo.lock";
/** Directories claimed by servers of this process (the pid in the file cannot tell them apart). */
const claimedHere = new Set<string>();

export interface DataDirOwner {
  pid: number;
  /** Empty until the owner accepts connections. */
  uri: string;
  startedAt: string;
}

export class DataDirectoryInUseError extends Error {
  override readonly name = "DataDirectoryInUseError";
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(
      `The data directory ${dataDir} is already used by the embedded MongoDB server of process ${owner.pid}` +
        (owner.uri ? ` (${owner.uri}): connect to it, or stop it first` : ": stop it first") +
        `. If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): DataDirOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<DataDirOwner>;
    if (typeof parsed.pid !== "number") return undefined;
    return { pid: parsed.pid, uri: typeof parsed.uri === "string" ? parsed.uri : "", startedAt: String(parsed.startedAt ?? "") };
  } catch {
    return undefined;
  }
}

/** The live process serving `dataDir`, if any (a lock left by a killed process does not count). */
export function liveDataDirOwner(dataDir: string): DataDirOwner | undefined {
  const path = join(dataDir, LOCK_FILE);
  const owner = readLock(path);
  if (!owner) return undefined;
  if (owner.pid === process.pid) return claimedHere.has(path) ? owner : undefined;
  return isAlive(owner.pid) ? owner : undefined;
}

export interface DataDirClaim {
  /** Records the connection string once the server listens. */
  publish(uri: string): void;
  /** Removes the lock if it is still ours. */
  release(): void;
}

/** Claims `dataDir` for this process, or throws DataDirectoryInUseError naming the live owner. */
export function claimDataDir(dataDir: string): DataDirClaim {
  const path = join(dataDir, LOCK_FILE);
  const startedAt = new Date().toISOString();
  const write = (uri: string) => JSON.stringify({ pid: process.pid, uri, startedAt } satisfies DataDirOwner);
  mkdirSync(dataDir, { recursive: true });
  if (claimedHere.has(path)) throw new DataDirectoryInUseError(dataDir, readLock(path) ?? { pid: process.pid, uri: "", startedAt });

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, write(""));
      closeSync(fd);
      claimedHere.add(path);
      return {
        publish: (uri) => writeFileSync(path, write(uri)),
        release: () => {
          if (!claimedHere.delete(path)) return;
          if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLock(path);
      if (owner && isAlive(owner.pid) && owner.pid !== process.pid) throw new DataDirectoryInUseError(dataDir, owner);
      // Left behind by a process that died (kill -9), or unreadable: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not claim the data directory ${dataDir}`);
}
