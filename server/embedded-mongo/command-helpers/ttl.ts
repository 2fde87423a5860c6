/**
 * TTL index options (manual: "TTL Indexes", "collMod" → "Change the expiration value of a TTL index"): the
 * checks MongoDB 7.0 makes on `expireAfterSeconds` when an index is created or changed.
 */
import type { Document } from "bson";
import { MongoCommandError } from "../errors";
import { bsonTypeName, isNumeric, toNumber } from "./fields";

/** MongoDB's upper bound for expireAfterSeconds (a signed 32-bit int). */
export const MAX_EXPIRE_AFTER_SECONDS = 2147483647;

/** The validated expireAfterSeconds (whole seconds) of a TTL option value. */
export function expireAfterSecondsOf(value: unknown): number {
  if (!isNumeric(value)) {
    throw new MongoCommandError(
      "CannotCreateIndex",
      `TTL index 'expireAfterSeconds' option must be numeric, but received a type of '${bsonTypeName(value)}'`,
    );
  }
  const seconds = toNumber(value);
  if (seconds === undefined || Number.isNaN(seconds) || seconds < 0 || seconds > MAX_EXPIRE_AFTER_SECONDS) {
    throw new MongoCommandError("InvalidOptions", "TTL index 'expireAfterSeconds' option must be within an acceptable range, try a lower number");
  }
  return Math.trunc(seconds);
}

/** createIndexes: a TTL index is a single-field index on something other than `_id`. */
export function checkTtlIndexSpec(spec: Document): void {
  if (spec.expireAfterSeconds === undefined) return;
  spec.expireAfterSeconds = expireAfterSecondsOf(spec.expireAfterSeconds);
  const fields = Object.keys(spec.key as Document);
  if (fields.length !== 1) {
    throw new MongoCommandError("CannotCreateIndex", "TTL indexes are single-field indexes, compound indexes do not support TTL");
  }
  if (fields[0] === "_id") {
    throw new MongoCommandError("InvalidIndexSpecificationOption", "The field 'expireAfterSeconds' is not valid for an _id index specification");
  }
}
