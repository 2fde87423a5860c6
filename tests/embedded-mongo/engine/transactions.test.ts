import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createStorageEngine } from "../../../server/embedded-mongo/engine";
import type { StorageEngine } from "../../../server/embedded-mongo/engine/types";
import { errorOf } from "./support";

const ns = { db: "test", coll: "accounts" };
let engine: StorageEngine;

beforeEach(() => {
  engine = createStorageEngine({ memory: true });
  engine.insertOne(ns, { _id: "a", balance: 100 });
  engine.insertOne(ns, { _id: "b", balance: 50 });
});
afterEach(() => engine.close());

const balances = (txn?: ReturnType<StorageEngine["beginTransaction"]>) =>
  engine.find(ns, {}, { sort: { _id: 1 }, txn }).map((d) => `${d._id}:${d.balance}`);

describe("isolation and commit", () => {
  test("a transaction sees its own writes; others see them only after commit", () => {
    const txn = engine.beginTransaction();
    engine.replaceOne(ns, "a", { _id: "a", balance: 70 }, { txn });
    engine.replaceOne(ns, "b", { _id: "b", balance: 80 }, { txn });
    engine.insertOne(ns, { _id: "c", balance: 1 }, { txn });
    engine.deleteOne(ns, "c", { txn });
    engine.insertOne(ns, { _id: "d", balance: 2 }, { txn });
    expect(balances(txn)).toEqual(["a:70", "b:80", "d:2"]);
    expect(engine.count(ns, { balance: { $gt: 60 } }, { txn })).toBe(2);
    expect(balances()).toEqual(["a:100", "b:50"]);
    engine.commitTransaction(txn);
    expect(txn.state).toBe("committed");
    expect(balances()).toEqual(["a:70", "b:80", "d:2"]);
  });

  test("abort discards every write", () => {
    const txn = engine.beginTransaction();
    engine.deleteOne(ns, "a", { txn });
    engine.insertOne(ns, { _id: "z" }, { txn });
    engine.abortTransaction(txn);
    expect(txn.state).toBe("aborted");
    expect(balances()).toEqual(["a:100", "b:50"]);
    expect(errorOf(() => engine.insertOne(ns, { _id: "y" }, { txn })).code).toBe(251);
  });

  test("reads through a transaction keep its snapshot while others insert, change and delete", () => {
    engine.createIndexes(ns, [{ key: { balance: 1 }, name: "balance_1" }]);
    const txn = engine.beginTransaction();
    engine.insertOne(ns, { _id: "c", balance: 5 });
    engine.replaceOne(ns, "a", { _id: "a", balance: 7 });
    engine.deleteOne(ns, "b");
    expect(balances(txn)).toEqual(["a:100", "b:50"]);
    // natural order survives: "b" was deleted and "a" rewritten, yet they come back in insertion order
    expect(engine.find(ns, {}, { txn }).map((d) => d._id)).toEqual(["a", "b"]);
    expect(engine.find(ns, {}, { txn, hint: { $natural: -1 } }).map((d) => d._id)).toEqual(["b", "a"]);
    // through the index: old keys still find the snapshot versions, new keys find nothing
    expect(engine.find(ns, { balance: 100 }, { txn }).map((d) => d._id)).toEqual(["a"]);
    expect(engine.find(ns, { balance: { $lt: 10 } }, { txn })).toEqual([]);
    expect(engine.count(ns, { balance: { $gte: 50 } }, { txn })).toBe(2);
    expect(engine.find(ns, {}, { txn, sort: { balance: -1 }, skip: 1, limit: 1 }).map((d) => d._id)).toEqual(["b"]);
    expect(engine.transactionStats()).toEqual({ open: 1, preImages: 3 });
    engine.commitTransaction(txn);
    expect(engine.transactionStats()).toEqual({ open: 0, preImages: 0 });
    expect(balances()).toEqual(["a:7", "c:5"]);
  });

  test("another transaction's commit is invisible to a transaction begun before it", () => {
    const early = engine.beginTransaction();
    const writer = engine.beginTransaction();
    engine.replaceOne(ns, "a", { _id: "a", balance: 1 }, { txn: writer });
    engine.insertOne(ns, { _id: "c", balance: 2 }, { txn: writer });
    engine.commitTransaction(writer);
    const late = engine.beginTransaction();
    expect(balances(early)).toEqual(["a:100", "b:50"]);
    expect(balances(late)).toEqual(["a:1", "b:50", "c:2"]);
    // own writes win over the snapshot
    engine.replaceOne(ns, "b", { _id: "b", balance: 3 }, { txn: early });
    expect(balances(early)).toEqual(["a:100", "b:3"]);
    engine.abortTransaction(early);
    engine.abortTransaction(late);
    expect(engine.transactionStats()).toEqual({ open: 0, preImages: 0 });
  });

  test("a dropped collection does not come back through saved pre-images", () => {
    const txn = engine.beginTransaction();
    engine.deleteOne(ns, "a");
    engine.dropCollection(ns);
    engine.insertOne(ns, { _id: "z", balance: 0 });
    expect(balances(txn)).toEqual([]);
    engine.abortTransaction(txn);
  });

  test("commit is all-or-nothing: a unique violation at commit applies nothing", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true, sparse: true }]);
    const txn = engine.beginTransaction();
    engine.replaceOne(ns, "a", { _id: "a", balance: 0 }, { txn });
    engine.insertOne(ns, { _id: "n", email: "x@y" }, { txn });
    // committed by someone else before our commit
    engine.insertOne(ns, { _id: "m", email: "x@y" });
    const error = errorOf(() => engine.commitTransaction(txn));
    expect(error.code).toBe(11000);
    expect(txn.state).toBe("aborted");
    expect(balances()).toEqual(["a:100", "b:50", "m:undefined"]);
    expect(engine.find(ns, { _id: "n" })).toEqual([]);
  });

  test("unique constraints inside a transaction see committed data and own writes", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true, sparse: true }]);
    engine.insertOne(ns, { _id: "c", email: "taken" });
    const txn = engine.beginTransaction();
    expect(errorOf(() => engine.insertOne(ns, { _id: "d", email: "taken" }, { txn })).code).toBe(11000);
    engine.insertOne(ns, { _id: "e", email: "mine" }, { txn });
    expect(errorOf(() => engine.insertOne(ns, { _id: "f", email: "mine" }, { txn })).code).toBe(11000);
    // freeing a value inside the transaction makes it usable inside it
    engine.deleteOne(ns, "c", { txn });
    engine.insertOne(ns, { _id: "g", email: "taken" }, { txn });
    engine.commitTransaction(txn);
    expect(engine.find(ns, { email: "taken" }).map((d) => d._id)).toEqual(["g"]);
  });
});

describe("write conflicts", () => {
  test("two transactions writing the same document: the second gets a labelled WriteConflict and is aborted", () => {
    const t1 = engine.beginTransaction();
    const t2 = engine.beginTransaction();
    engine.replaceOne(ns, "a", { _id: "a", balance: 1 }, { txn: t1 });
    const error = errorOf(() => engine.replaceOne(ns, "a", { _id: "a", balance: 2 }, { txn: t2 }));
    expect(error.code).toBe(112);
    expect(error.errorLabels).toEqual(["TransientTransactionError"]);
    expect(t2.state).toBe("aborted");
    engine.commitTransaction(t1);
    expect(balances()).toEqual(["a:1", "b:50"]);
  });

  test("a non-transactional write to a document held by a transaction conflicts without the label", () => {
    const txn = engine.beginTransaction();
    engine.replaceOne(ns, "a", { _id: "a", balance: 1 }, { txn });
    const error = errorOf(() => engine.replaceOne(ns, "a", { _id: "a", balance: 2 }));
    expect(error.code).toBe(112);
    expect(error.errorLabels).toEqual([]);
    expect(errorOf(() => engine.deleteOne(ns, "a")).code).toBe(112);
    expect(txn.state).toBe("active");
    // other documents are not blocked
    engine.replaceOne(ns, "b", { _id: "b", balance: 51 });
    engine.commitTransaction(txn);
    engine.replaceOne(ns, "a", { _id: "a", balance: 3 });
    expect(balances()).toEqual(["a:3", "b:51"]);
  });

  test("inserting the same new _id in two transactions conflicts", () => {
    const t1 = engine.beginTransaction();
    const t2 = engine.beginTransaction();
    engine.insertOne(ns, { _id: "new" }, { txn: t1 });
    expect(errorOf(() => engine.insertOne(ns, { _id: "new" }, { txn: t2 })).code).toBe(112);
    expect(errorOf(() => engine.insertOne(ns, { _id: "new" })).code).toBe(112);
    engine.commitTransaction(t1);
  });

  test("snapshot: writing a document committed by someone else after the transaction began conflicts", () => {
    const txn = engine.beginTransaction();
    engine.replaceOne(ns, "a", { _id: "a", balance: 0 });
    const error = errorOf(() => engine.replaceOne(ns, "a", { _id: "a", balance: 999 }, { txn }));
    expect(error.code).toBe(112);
    expect(error.errorLabels).toContain("TransientTransactionError");
    expect(balances()).toEqual(["a:0", "b:50"]);

    const t2 = engine.beginTransaction();
    const t3 = engine.beginTransaction();
    engine.replaceOne(ns, "b", { _id: "b", balance: 1 }, { txn: t2 });
    engine.commitTransaction(t2);
    expect(errorOf(() => engine.deleteOne(ns, "b", { txn: t3 })).code).toBe(112);
    // a transaction started after that commit may write it
    const t4 = engine.beginTransaction();
    engine.deleteOne(ns, "b", { txn: t4 });
    engine.commitTransaction(t4);
    expect(balances()).toEqual(["a:0"]);
  });

  test("a unique key someone else took or freed after the snapshot is a WriteConflict, not a DuplicateKey", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true, sparse: true }]);
    engine.insertOne(ns, { _id: "old", email: "freed" });
    const taker = engine.beginTransaction();
    engine.insertOne(ns, { _id: "c", email: "taken-later" });
    const taken = errorOf(() => engine.insertOne(ns, { _id: "d", email: "taken-later" }, { txn: taker }));
    expect(taken.code).toBe(112);
    expect(taken.errorLabels).toContain("TransientTransactionError");

    const freer = engine.beginTransaction();
    engine.deleteOne(ns, "old");
    expect(errorOf(() => engine.insertOne(ns, { _id: "e", email: "freed" }, { txn: freer })).code).toBe(112);

    // a collision that was already there at the snapshot stays a DuplicateKey
    const plain = engine.beginTransaction();
    engine.replaceOne(ns, "c", { _id: "c", email: "taken-later", note: 1 });
    expect(errorOf(() => engine.insertOne(ns, { _id: "f", email: "taken-later" }, { txn: plain })).code).toBe(11000);
  });

  test("committing twice or after abort is refused", () => {
    const txn = engine.beginTransaction();
    engine.commitTransaction(txn);
    expect(errorOf(() => engine.commitTransaction(txn)).code).toBe(256);
    const aborted = engine.beginTransaction();
    engine.abortTransaction(aborted);
    expect(errorOf(() => engine.commitTransaction(aborted)).code).toBe(251);
  });
});
