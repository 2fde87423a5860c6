import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createStorageEngine } from "../../../server/embedded-mongo/engine";
import type { StorageEngine } from "../../../server/embedded-mongo/engine/types";
import { MongoCommandError } from "../../../server/embedded-mongo/errors";

const ns = { db: "test", coll: "accounts" };
let engine: StorageEngine;

beforeEach(() => {
  engine = createStorageEngine({ memory: true });
  engine.insertOne(ns, { _id: "a", balance: 100 });
  engine.insertOne(ns, { _id: "b", balance: 50 });
});
afterEach(() => engine.close());

function errorOf(fn: () => unknown): MongoCommandError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MongoCommandError);
    return error as MongoCommandError;
  }
  throw new Error("expected an error");
}

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

  test("reads through a transaction see documents committed by others meanwhile", () => {
    const txn = engine.beginTransaction();
    engine.insertOne(ns, { _id: "c", balance: 5 });
    expect(balances(txn)).toContain("c:5");
    engine.commitTransaction(txn);
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

  test("committing twice or after abort is refused", () => {
    const txn = engine.beginTransaction();
    engine.commitTransaction(txn);
    expect(errorOf(() => engine.commitTransaction(txn)).code).toBe(256);
    const aborted = engine.beginTransaction();
    engine.abortTransaction(aborted);
    expect(errorOf(() => engine.commitTransaction(aborted)).code).toBe(251);
  });
});
