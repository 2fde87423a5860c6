/** MongoDB's rules for documents being stored: _id first and valid, field names, 16 MiB limit. */
import { BSON, ObjectId, type Document } from "bson";
import { MongoCommandError } from "../errors";
import { copyExact } from "../bson-numbers";
import { setOwnField } from "../query/prototype-names";
import { bsonTypeOf } from "../query/compare";
import { MAX_BSON_OBJECT_SIZE } from "../wire/protocol";

export function isPlainObject(value: unknown): value is Document {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    bsonTypeOf(value) === undefined &&
    !(value instanceof Uint8Array)
  );
}

export function checkIdValue(id: unknown): void {
  if (Array.isArray(id)) throw new MongoCommandError("InvalidIdField", "The '_id' value cannot be of type array");
  if (id instanceof RegExp || bsonTypeOf(id) === "BSONRegExp") {
    throw new MongoCommandError("InvalidIdField", "The '_id' value cannot be of type regex");
  }
  if (isPlainObject(id)) {
    for (const key of Object.keys(id)) {
      if (key.startsWith("$")) {
        throw new MongoCommandError("DollarPrefixedFieldName", `_id fields may not contain '$'-prefixed fields: ${key} is not valid for storage.`);
      }
    }
  }
}

/** MongoDB's depth limit for stored documents (its BSON limit, 200, less room for the server's own wrapping). */
const MAX_STORED_DEPTH = 180;

function checkNestedNames(value: unknown, depth: number): void {
  if (depth > MAX_STORED_DEPTH) {
    throw new MongoCommandError("Overflow", `Document exceeds maximum nesting depth of ${MAX_STORED_DEPTH}`);
  }
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === "object") checkNestedNames(item, depth + 1);
    return;
  }
  // BSON value classes carry `_bsontype` on their prototype; an own one is a field of that name.
  if (Object.hasOwn(value as object, "_bsontype")) throw reservedBsonTypeName();
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (key === "") throw new MongoCommandError("EmptyFieldName", "Document can't have empty field names");
    if (key === "_bsontype") throw reservedBsonTypeName();
    const child = value[key];
    if (child !== null && typeof child === "object") checkNestedNames(child, depth + 1);
  }
}

/** js-bson treats any object with a `_bsontype` field as one of its value classes: such a document cannot be stored. */
function reservedBsonTypeName(): MongoCommandError {
  return new MongoCommandError("BadValue", "The field name '_bsontype' is not supported by the embedded MongoDB server (its BSON library reserves it)");
}

/**
 * Field-name checks for a document about to be stored (insert, replacement, upsert, update result).
 * `$`-prefixed names are storable since MongoDB 5.0, top level included (manual: "Field Names with Periods and
 * Dollar Signs"); the update paths that may not create them are refused where the update is parsed.
 */
export function checkStorable(doc: Document): void {
  for (const key of Object.keys(doc)) {
    if (key === "") throw new MongoCommandError("EmptyFieldName", "Document can't have empty field names");
    if (key === "_bsontype") throw reservedBsonTypeName();
    const value = doc[key];
    if (value !== null && typeof value === "object") checkNestedNames(value, 1);
  }
  if ("_id" in doc) checkIdValue(doc._id);
  const size = BSON.calculateObjectSize(doc);
  if (size > MAX_BSON_OBJECT_SIZE) {
    throw new MongoCommandError("BSONObjectTooLarge", `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
  }
}

/** A copy of `doc` with `_id` first, generating an ObjectId when absent. */
export function withIdFirst(doc: Document, id?: unknown): Document {
  const keys = Object.keys(doc);
  const value = id !== undefined ? id : "_id" in doc && doc._id !== undefined ? doc._id : new ObjectId();
  if (keys[0] === "_id" && id === undefined && doc._id !== undefined) return doc;
  const out: Document = { _id: value };
  for (const key of keys) if (key !== "_id") setOwnField(out, key, doc[key]);
  return out;
}

/** Prepares a client document for insertion: validates it and puts `_id` first. */
export function prepareInsert(doc: unknown): Document {
  if (!isPlainObject(doc)) throw new MongoCommandError("TypeMismatch", "Insert document must be an object");
  const prepared = withIdFirst(doc);
  checkStorable(prepared);
  return prepared;
}

/** A deep copy that keeps bson types (structuredClone would turn ObjectIds into plain objects). */
export function cloneDocument(doc: Document): Document {
  return copyExact(doc);
}
