// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { BSON } from "bson";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";
import { OP_REPLY, opMsgRaw, opQuery, RawClient } from "../helpers/raw-wire";

// Requests MongoDB 7.0 refuses that the server used to accept (issue 13, item 8), each refused with MongoDB's
// error and without touching data.
const mongo = useTestMongo();

function coll(name: string) {
  return mongo.current.db().collection<Doc>(name);
}

test("legacy OP_QUERY runs only the handshake: insert and dropDatabase get 352 (manual: Legacy Opcodes)", async () => {
  const db = mongo.current.db().databaseName;
  await coll("kept").insertOne({ _id: 1 });
  const raw = await RawClient.connect(mongo.current.server.port);
  try {
    raw.send(opQuery(db, { insert: "kept", documents: [{ _id: 2 }] }));
    const insert = await raw.reply();
    expect(insert.opCode).toBe(OP_REPLY);
    expect(insert.body).toMatchObject({ ok: 0, code: 352, codeName: "UnsupportedOpQueryCommand" });
    expect(insert.body.errmsg).toStartWith("Unsupported OP_QUERY command: insert. The client driver may require an upgrade.");
    raw.send(opQuery(db, { dropDatabase: 1 }));
    expect((await raw.reply()).body).toMatchObject({ ok: 0, code: 352 });
    // The handshake still works there, on the same connection.
    raw.send(opQuery("admin", { hello: 1 }));
    expect((await raw.reply()).body).toMatchObject({ ok: 1, isWritablePrimary: true });
  } finally {
    raw.close();
  }
  expect(await coll("kept").find().toArray()).toEqual([{ _id: 1 }]);
});

/** `{insert, documents: [{<name>: 1}], $db}` with the bytes of one field name replaced. */
function insertWithFieldName(db: string, nameBytes: number[]): Uint8Array {
  const placeholder = "Q".repeat(nameBytes.length);
  const bytes = Buffer.from(BSON.serialize({ insert: "utf8", documents: [{ [placeholder]: 1 }], $db: db }));
  const at = bytes.indexOf(Buffer.from(placeholder));
  Buffer.from(nameBytes).copy(bytes, at);
  return bytes;
}

test("a field name that is not valid UTF-8 is refused with InvalidBSON (22), not stored altered", async () => {
  const db = mongo.current.db().databaseName;
  const raw = await RawClient.connect(mongo.current.server.port);
  try {
    // "a\xff" and an overlong "/" (0xC0 0xAF): bson would decode both to U+FFFD and store that instead.
    for (const name of [[0x61, 0xff], [0xc0, 0xaf]]) {
      raw.send(opMsgRaw(insertWithFieldName(db, name)));
      expect((await raw.reply()).body).toMatchObject({ ok: 0, code: 22, codeName: "InvalidBSON" });
    }
    // A real U+FFFD in a name is valid UTF-8 and is stored as sent.
    raw.send(opMsgRaw(insertWithFieldName(db, [0xef, 0xbf, 0xbd])));
    expect((await raw.reply()).body).toMatchObject({ ok: 1, n: 1 });
    // The connection stays usable.
    expect(await raw.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
  } finally {
    raw.close();
  }
  expect(await coll("utf8").find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ "\uFFFD": 1 }]);
});

test("$out and $merge inside a sub-pipeline are refused (manual: $unionWith, $lookup, $facet restrictions)", async () => {
  await coll("src").insertMany([{ _id: 1 }, { _id: 2 }]);
  const cases: Array<[Doc, number]> = [
    [{ $unionWith: { coll: "src", pipeline: [{ $out: "target_u" }] } }, 31441],
    [{ $unionWith: { coll: "src", pipeline: [{ $merge: { into: "target_u" } }] } }, 31441],
    [{ $lookup: { from: "src", pipeline: [{ $out: "target_l" }], as: "j" } }, 51047],
    [{ $facet: { a: [{ $out: "target_f" }] } }, 40600],
  ];
  for (const [stage, code] of cases) {
    const error = await serverError(coll("src").aggregate([stage]).toArray());
    expect({ stage, code: error.code }).toEqual({ stage, code });
  }
  const names = (await mongo.current.db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  expect(names.filter((n) => n.startsWith("target"))).toEqual([]);
});

test("$function in $merge's whenMatched pipeline is refused when parsed, even with nothing to merge", async () => {
  // Before: accepted whenever no document matched, so the error depended on the data.
  const pipeline = [
    { $match: { never: true } },
    { $merge: { into: "merged", whenMatched: [{ $set: { x: { $function: { body: "function() { return 1 }", args: [], lang: "js" } } } }] } },
  ];
  const error = await serverError(coll("src2").aggregate(pipeline).toArray());
  expect(error.code).toBe(2);
  expect(error.message).toContain("$function");
});

test("null where a type is expected gets MongoDB's errors, never an internal one (sweep of stage arguments)", async () => {
  await coll("n").insertMany([{ _id: 1, a: 1, b: [1] }]);
  const stages: Array<[Doc, number]> = [
    [{ $match: null }, 15959],
    [{ $project: null }, 15969],
    [{ $group: null }, 15947],
    [{ $sort: null }, 15973],
    [{ $limit: null }, 15957],
    [{ $skip: null }, 15972],
    [{ $unwind: null }, 15981],
    [{ $unwind: {} }, 28812],
    [{ $lookup: null }, 9],
    [{ $lookup: { from: "n", localField: 1, foreignField: "a", as: "j" } }, 9],
    [{ $addFields: null }, 40272],
    [{ $set: null }, 40272],
    [{ $bucket: null }, 40201],
    [{ $bucket: { groupBy: "$a", boundaries: null } }, 40200],
    [{ $bucketAuto: null }, 40240],
    [{ $facet: null }, 15955],
    [{ $facet: { x: null } }, 40170],
    [{ $facet: { x: [null] } }, 40323],
    [{ $replaceRoot: null }, 9],
    [{ $count: null }, 40156],
    [{ $sortByCount: null }, 40149],
    [{ $unionWith: null }, 9],
    [{ $unionWith: { coll: "n", pipeline: "x" } }, 14],
    [{ $graphLookup: null }, 40327],
    [{ $graphLookup: { from: "n", startWith: "$a", connectFromField: null, connectToField: "a", as: "g" } }, 40103],
    [{ $setWindowFields: null }, 9],
    [{ $setWindowFields: { sortBy: { a: 1 }, output: null } }, 40414],
    [{ $fill: null }, 9],
    [{ $unset: null }, 31002],
    [{ $redact: null }, 17053],
    [{ $match: { b: { $elemMatch: null } } }, 2],
  ];
  for (const [stage, code] of stages) {
    const error = await serverError(coll("n").aggregate([stage]).toArray());
    expect({ stage, code: error.code }).toEqual({ stage, code });
    expect(error.message).not.toMatch(/evaluating|is not a function|undefined is not|null is not/);
  }
  // MongoDB's IDL takes a null optional argument as absent.
  expect(await coll("n").find({}, { sort: null as never }).toArray()).toHaveLength(1);
  const db = mongo.current.db();
  expect(await db.command({ find: "n", filter: null, sort: null, projection: null, hint: null })).toMatchObject({ ok: 1 });
  expect(await db.command({ aggregate: "n", pipeline: [], cursor: null }).catch((e) => e.code)).toBe(9);
  expect(await db.command({ findAndModify: "n", query: { _id: 1 }, sort: null, update: { $set: { c: 1 } } })).toMatchObject({ ok: 1 });
  expect(await db.command({ create: "n_null_validator", validator: null })).toMatchObject({ ok: 1 });
});
