/** MongoDB's namespace rules (database and collection names), checked before anything touches storage. */
import { MongoCommandError } from "../errors";
import type { Namespace } from "./types";

/** Characters MongoDB refuses in database names on any platform (it must also be a safe file name). */
const INVALID_DB_CHARS = /[/\\. "$*<>:|?\0]/;
const MAX_DB_NAME_LENGTH = 63;
const MAX_NAMESPACE_BYTES = 255;

export function validateDbName(db: string): void {
  if (typeof db !== "string" || db.length === 0) {
    throw new MongoCommandError("InvalidNamespace", "Invalid empty database name");
  }
  if (INVALID_DB_CHARS.test(db)) {
    throw new MongoCommandError("InvalidNamespace", `Invalid database name: '${db}'`);
  }
  if (db.length > MAX_DB_NAME_LENGTH) {
    throw new MongoCommandError("InvalidNamespace", `db name is too long: '${db}'`);
  }
}

/**
 * `userCreate`: the name comes from a client creating/writing a collection, so the reserved `system.`
 * prefix is refused (the server itself may still read such names).
 */
export function validateNamespace(ns: Namespace, userCreate: boolean): void {
  validateDbName(ns.db);
  const coll = ns.coll;
  if (typeof coll !== "string" || coll.length === 0) {
    throw new MongoCommandError("InvalidNamespace", `Invalid namespace specified '${ns.db}.'`);
  }
  if (coll.includes("$") || coll.includes("\0") || coll.startsWith(".")) {
    throw new MongoCommandError("InvalidNamespace", `Invalid collection name: ${coll}`);
  }
  if (userCreate && coll.startsWith("system.")) {
    throw new MongoCommandError("InvalidNamespace", `Invalid collection name: ${coll}`);
  }
  if (Buffer.byteLength(`${ns.db}.${coll}`) > MAX_NAMESPACE_BYTES) {
    throw new MongoCommandError("InvalidNamespace", `Fully qualified namespace is too long. Namespace: ${ns.db}.${coll} Max: ${MAX_NAMESPACE_BYTES}`);
  }
}

/** Databases MongoDB keeps for itself: $out/$merge may not write there. */
const INTERNAL_DBS = new Set(["admin", "config", "local"]);

/** Write commands (insert, update, delete, findAndModify) may not touch `system.*` collections. */
export function checkClientWritable(ns: Namespace): void {
  if (ns.coll.startsWith("system.")) {
    throw new MongoCommandError("InvalidNamespace", `Invalid system namespace: ${ns.db}.${ns.coll}`);
  }
}

/** MongoDB's checks on an $out / $merge target, with its codes and messages (which differ by stage). */
export function checkAggregationWriteTarget(stage: "$out" | "$merge", ns: Namespace): void {
  const out = stage === "$out";
  if (ns.coll.startsWith("system.")) {
    throw new MongoCommandError(out ? "Location17385" : "Location31319", `${out ? "Can't" : "Cannot"} ${stage} to special collection: ${ns.coll}`);
  }
  if (INTERNAL_DBS.has(ns.db)) {
    throw new MongoCommandError(out ? "Location31321" : "Location31320", `${out ? "Can't" : "Cannot"} ${stage} to internal database: ${ns.db}`);
  }
}
