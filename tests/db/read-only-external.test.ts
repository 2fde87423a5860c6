/**
 * The external database handle can only read: no write methods exist on it (checked by the compiler through
 * the @ts-expect-error lines below, and at run time), and aggregations that would write are refused before
 * anything reaches the server.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient } from "mongodb";
import { loadConfig } from "../../server/config/env";
import { createDatabaseConnections, type DatabaseConnections, type Databases } from "../../server/db/connections";
import { isReadOnlyViolationError } from "../../server/db/errors";
import { createLogger } from "../../server/observability/logger";
import { databaseEnv } from "../helpers/app";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let connections: DatabaseConnections;
let dbs: Databases;
let direct: MongoClient; // a separate client, to observe what really is in the external database
let externalName: string;

beforeAll(async () => {
  database = await startTestDatabase("read-only");
  externalName = database.databaseName("external");
  const config = loadConfig({ APP_ENV: "test", ...databaseEnv(database.url, { primary: database.databaseName("primary"), external: externalName }) });
  connections = createDatabaseConnections({ config, logger: createLogger({ level: "silent" }) });
  dbs = await connections.getDatabases();
  direct = new MongoClient(database.url);
  await direct.db(externalName).collection("sectors").insertMany([
    { code: "C10", name: "Manufacture of food products", intensity: 0.42 },
    { code: "C11", name: "Manufacture of beverages", intensity: 0.31 },
    { code: "F41", name: "Construction of buildings", intensity: 0.55 },
  ]);
});
afterAll(async () => {
  await direct?.close();
  await connections?.close();
  await database?.stop();
});

describe("reading", () => {
  test("find, findOne, countDocuments, distinct, aggregate and listCollections work", async () => {
    const sectors = dbs.external.collection<{ code: string; name: string; intensity: number }>("sectors");
    const manufacturing = await sectors.find({ code: { $regex: "^C" } }, { sort: { code: 1 } }).toArray();
    expect(manufacturing.map((s) => s.code)).toEqual(["C10", "C11"]);
    expect(await sectors.findOne({ code: "F41" })).toMatchObject({ name: "Construction of buildings" });
    expect(await sectors.countDocuments({ intensity: { $gt: 0.4 } })).toBe(2);
    expect((await sectors.distinct("code")).sort()).toEqual(["C10", "C11", "F41"]);
    const [total] = await sectors.aggregate<{ total: number }>([{ $group: { _id: null, total: { $sum: 1 } } }]).toArray();
    expect(total?.total).toBe(3);
    const names = (await dbs.external.listCollections()).map((c) => c.name);
    expect(names).toContain("sectors");
  });

  test("cursors can be iterated", async () => {
    const codes: string[] = [];
    for await (const sector of dbs.external.collection<{ code: string }>("sectors").find({}, { sort: { code: -1 } })) codes.push(sector.code);
    expect(codes).toEqual(["F41", "C11", "C10"]);
  });
});

describe("writing is impossible", () => {
  test("the handle has no write methods and no way back to the client", () => {
    const sectors = dbs.external.collection("sectors");
    // @ts-expect-error insertOne does not exist on the read-only handle
    expect(sectors.insertOne).toBeUndefined();
    // @ts-expect-error neither does deleteMany
    expect(sectors.deleteMany).toBeUndefined();
    // @ts-expect-error nor a raw command
    expect(dbs.external.command).toBeUndefined();
    // @ts-expect-error nor dropDatabase
    expect(dbs.external.dropDatabase).toBeUndefined();
    for (const forbidden of ["insertMany", "updateOne", "updateMany", "replaceOne", "bulkWrite", "drop", "createIndex", "findOneAndUpdate"]) {
      expect(forbidden in sectors).toBe(false);
    }
    const cursor = sectors.find({});
    expect("client" in cursor).toBe(false);
    expect(Object.isFrozen(sectors)).toBe(true);
    expect(Object.isFrozen(dbs.external)).toBe(true);
  });

  test.each([
    ["$out", [{ $match: {} }, { $out: "copied" }]],
    ["$merge", [{ $match: {} }, { $merge: { into: "copied" } }]],
    ["$out inside $facet", [{ $facet: { all: [{ $match: {} }, { $out: "copied" }] } }]],
    ["$merge inside $lookup", [{ $lookup: { from: "sectors", pipeline: [{ $merge: { into: "copied" } }], as: "x" } }]],
  ])("aggregate with %s is refused and writes nothing", async (_label, pipeline) => {
    let refused: unknown;
    try {
      await dbs.external.collection("sectors").aggregate(pipeline).toArray();
    } catch (error) {
      refused = error;
    }
    expect(isReadOnlyViolationError(refused)).toBe(true);
    const collections = (await direct.db(externalName).listCollections().toArray()).map((c) => c.name);
    expect(collections).not.toContain("copied");
  });
});

describe("the primary", () => {
  test("writes with majority write concern and reads back", async () => {
    expect(dbs.primary.writeConcern?.w).toBe("majority");
    const result = await dbs.primary.collection("organizations").insertOne({ name: "Acme GmbH" });
    expect(result.acknowledged).toBe(true);
    expect(await dbs.primary.collection("organizations").findOne({ _id: result.insertedId })).toMatchObject({ name: "Acme GmbH" });
  });

  test("primary and external are different databases on the same server", () => {
    expect(dbs.primary.databaseName).not.toBe(dbs.external.databaseName);
  });
});
