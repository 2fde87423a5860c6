import { expect } from "bun:test";
import { MongoCommandError } from "../../../server/embedded-mongo/errors";

/** The MongoCommandError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): MongoCommandError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MongoCommandError);
    return error as MongoCommandError;
  }
  throw new Error("expected an error");
}
