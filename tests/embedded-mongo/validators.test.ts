// Document validation through the official driver, as the MongoDB manual ("Schema Validation", "$jsonSchema",
// "collMod", "Specify Validation Level / Choose How to Handle Invalid Documents") describes it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { ObjectId } from "mongodb";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

const studentSchema = {
  bsonType: "object",
  required: ["name", "year"],
  additionalProperties: false,
  properties: {
    _id: { bsonType: "objectId" },
    name: { bsonType: "string", minLength: 2 },
    year: { bsonType: "int", minimum: 2017, maximum: 3017 },
    gpa: { bsonType: ["double", "int"], description: "optional" },
    tags: { bsonType: "array", items: { enum: ["a", "b"] }, uniqueItems: true },
  },
};

test("create with a $jsonSchema validator refuses documents breaking it, with the broken rules in errInfo (manual: $jsonSchema)", async () => {
  const db = mongo.current.db();
  await db.createCollection("students", { validator: { $jsonSchema: studentSchema } });
  const students = db.collection<Doc>("students");
  await students.insertOne({ _id: new ObjectId(), name: "Ada", year: 2020, gpa: 3.5, tags: ["a"] });

  const error = await serverError(students.insertOne({ name: "A", year: 1999, extra: true }));
  expect(error.code).toBe(121);
  const details = error.errInfo?.details as Doc;
  expect(details.operatorName).toBe("$jsonSchema");
  const rules = details.schemaRulesNotSatisfied.map((r: Doc) => r.operatorName);
  expect(rules).toEqual(expect.arrayContaining(["properties", "additionalProperties"]));
  const props = details.schemaRulesNotSatisfied.find((r: Doc) => r.operatorName === "properties").propertiesNotSatisfied.map((p: Doc) => p.propertyName);
  expect(props.sort()).toEqual(["name", "year"]);

  const missing = await serverError(students.insertOne({ name: "Bea" }));
  expect((missing.errInfo?.details as Doc).schemaRulesNotSatisfied).toContainEqual({ operatorName: "required", specifiedAs: { required: ["name", "year"] }, missingProperties: ["year"] });
  expect((await serverError(students.insertOne({ name: "Cy", year: 2020, tags: ["a", "a"] }))).code).toBe(121);
  expect((await serverError(students.updateOne({ name: "Ada" }, { $set: { year: "x" } }))).code).toBe(121);
  expect(await students.countDocuments()).toBe(1);
});

test("$jsonSchema is also a query operator, and unknown keywords are refused (manual: $jsonSchema)", async () => {
  const coll = mongo.current.db().collection<Doc>("schema_query");
  await coll.insertMany([{ _id: 1, n: 5 }, { _id: 2, n: "five" }, { _id: 3 }]);
  const ids = (await coll.find({ $jsonSchema: { required: ["n"], properties: { n: { bsonType: "number" } } } }).toArray()).map((d) => d._id);
  expect(ids).toEqual([1]);
  expect((await serverError(coll.find({ $jsonSchema: { $ref: "#/x" } }).toArray())).code).toBe(9);
});

test("query-operator validators, validationAction warn and bypassDocumentValidation (manual: Schema Validation)", async () => {
  const db = mongo.current.db();
  await db.createCollection("contacts", { validator: { email: { $regex: /@/ }, status: { $in: ["active", "idle"] } } });
  const contacts = db.collection<Doc>("contacts");
  const error = await serverError(contacts.insertOne({ _id: 1, email: "nope", status: "active" }));
  expect(error.code).toBe(121);
  expect((error.errInfo?.details as Doc).clausesNotSatisfied.map((c: Doc) => c.index)).toEqual([0]);
  await contacts.insertOne({ _id: 1, email: "nope", status: "gone" }, { bypassDocumentValidation: true });
  await db.command({ collMod: "contacts", validationAction: "warn" });
  await contacts.insertOne({ _id: 2, email: "still-nope" });
  expect(await contacts.countDocuments()).toBe(2);
});

test("collMod adds, changes and removes a validator; validationLevel moderate spares documents already invalid (manual: collMod, Specify Validation Level)", async () => {
  const db = mongo.current.db();
  const items = db.collection<Doc>("items");
  await items.insertMany([{ _id: 1, qty: -1 }, { _id: 2, qty: 5 }]);
  await db.command({ collMod: "items", validator: { $jsonSchema: { properties: { qty: { bsonType: "int", minimum: 0 } } } }, validationLevel: "moderate" });
  const [info] = await db.listCollections({ name: "items" }).toArray();
  expect((info as Doc).options).toMatchObject({ validationLevel: "moderate", validator: { $jsonSchema: { properties: { qty: { minimum: 0 } } } } });
  // moderate: the already invalid document may still be updated, the valid one must stay valid.
  await items.updateOne({ _id: 1 }, { $set: { note: "legacy" } });
  expect((await serverError(items.updateOne({ _id: 2 }, { $set: { qty: -5 } }))).code).toBe(121);
  await db.command({ collMod: "items", validationLevel: "strict" });
  expect((await serverError(items.updateOne({ _id: 1 }, { $set: { note: "again" } }))).code).toBe(121);
  await db.command({ collMod: "items", validator: {} });
  await items.insertOne({ _id: 3, qty: -9 });
  expect(await items.countDocuments()).toBe(3);
});

test("collMod errors: missing namespace (26), bad validationLevel (2), $where in a validator (72) (manual: collMod)", async () => {
  const db = mongo.current.db();
  expect((await serverError(db.command({ collMod: "nowhere", validator: {} }))).code).toBe(26);
  await db.createCollection("modme");
  expect((await serverError(db.command({ collMod: "modme", validationLevel: "sometimes" }))).code).toBe(2);
  expect((await serverError(db.command({ collMod: "modme", validator: { $where: "true" } }))).code).toBe(72);
});

test("$listLocalSessions lists the server's sessions (manual: $listLocalSessions)", async () => {
  const session = mongo.current.client.startSession();
  try {
    await mongo.current.db().collection("sessions_probe").findOne({}, { session });
    const id = session.id!.id;
    const listed = await mongo.current.client.db("admin").aggregate([{ $listLocalSessions: { allUsers: true } }, { $match: { "_id.id": id } }]).toArray();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.lastUse).toBeInstanceOf(Date);
    expect(listed[0]!._id.uid.buffer.length).toBe(32);
  } finally {
    await session.endSession();
  }
});
