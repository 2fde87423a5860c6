/**
 * Write concerns this single-member replica set cannot honour. MongoDB applies the write and then reports the
 * unsatisfiable concern as a writeConcernError (not a command error), so the data changes either way.
 */
import type { Document } from "bson";
import { toNumber } from "../command-helpers/fields";

/** Commands that take a writeConcern and wait for it after writing. */
const WAITS_FOR_WRITE_CONCERN = new Set([
  "insert",
  "update",
  "delete",
  "findAndModify",
  "findandmodify",
  "commitTransaction",
  "abortTransaction",
  "create",
  "drop",
  "dropDatabase",
  "createIndexes",
  "dropIndexes",
  "renameCollection",
]);

/** The one data-bearing member: the server itself. */
const DATA_BEARING_MEMBERS = 1;

export function unsatisfiableWriteConcernError(name: string, cmd: Document): Document | undefined {
  if (!WAITS_FOR_WRITE_CONCERN.has(name)) return undefined;
  const w = (cmd.writeConcern as Document | undefined)?.w;
  if (typeof w === "string" || w === undefined) return undefined;
  const members = toNumber(w);
  if (members !== undefined && members > DATA_BEARING_MEMBERS) {
    return { code: 100, codeName: "UnsatisfiableWriteConcern", errmsg: "Not enough data-bearing nodes" };
  }
  return undefined;
}
