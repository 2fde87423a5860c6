/** Entry point of the storage engine (see types.ts for the contract). */
import { SqliteStorageEngine } from "./engine";
import type { EngineOptions, StorageEngine } from "./types";

export function createStorageEngine(options: EngineOptions): StorageEngine {
  return new SqliteStorageEngine(options);
}

export { MAX_BSON_SIZE } from "./engine";
export type * from "./types";
