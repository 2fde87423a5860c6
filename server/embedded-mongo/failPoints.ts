/**
 * MongoDB's `failCommand` fail point (configureFailPoint, a test command): makes chosen commands fail with an
 * error code and labels, close the connection, stall for blockTimeMS, or report a writeConcernError, either
 * a number of times or until switched off. Drivers' retry and transaction tests are built on it.
 */
import type { Document } from "bson";
import { MongoCommandError } from "./errors";
import type { ServerContext } from "./commands/context";

export interface FailCommandAction {
  readonly errorCode?: number;
  readonly errmsg?: string;
  readonly errorLabels?: readonly string[];
  readonly closeConnection: boolean;
  readonly blockTimeMS: number;
  readonly writeConcernError?: Document;
}

interface Armed {
  mode: "alwaysOn" | "times" | "skip";
  remaining: number;
  data: Document;
}

export class FailPoints {
  #failCommand: Armed | undefined;

  configure(name: string, mode: unknown, data: unknown): Document {
    if (name !== "failCommand") throw new MongoCommandError("BadValue", `Cannot find failpoint: ${name}`);
    const previousCount = this.#failCommand?.remaining ?? 0;
    if (mode === "off") {
      this.#failCommand = undefined;
    } else if (mode === "alwaysOn") {
      this.#failCommand = { mode: "alwaysOn", remaining: 0, data: checkData(data) };
    } else if (mode && typeof mode === "object" && "times" in mode) {
      const times = Number((mode as Document).times);
      this.#failCommand = times > 0 ? { mode: "times", remaining: times, data: checkData(data) } : undefined;
    } else if (mode && typeof mode === "object" && "skip" in mode) {
      this.#failCommand = { mode: "skip", remaining: Number((mode as Document).skip), data: checkData(data) };
    } else {
      throw new MongoCommandError("BadValue", "'mode' must be one of 'off', 'alwaysOn', {times: n} or {skip: n}");
    }
    return { count: previousCount, ok: 1 };
  }

  /** The failure to inject for this command, consuming one activation; undefined when none applies. */
  failCommand(commandName: string, appName: string | undefined): FailCommandAction | undefined {
    const armed = this.#failCommand;
    if (!armed) return undefined;
    const data = armed.data;
    const names = data.failCommands as string[];
    if (!names.includes(commandName)) return undefined;
    if (typeof data.appName === "string" && data.appName !== appName) return undefined;
    if (armed.mode === "skip") {
      if (armed.remaining > 0) {
        armed.remaining--;
        return undefined;
      }
    } else if (armed.mode === "times") {
      armed.remaining--;
      if (armed.remaining <= 0) this.#failCommand = undefined;
    }
    return {
      errorCode: typeof data.errorCode === "number" ? data.errorCode : undefined,
      errmsg: typeof data.errmsg === "string" ? data.errmsg : undefined,
      errorLabels: Array.isArray(data.errorLabels) ? (data.errorLabels as string[]) : undefined,
      closeConnection: data.closeConnection === true,
      blockTimeMS: data.blockConnection === true ? Number(data.blockTimeMS ?? 0) : 0,
      writeConcernError: isDocument(data.writeConcernError) ? data.writeConcernError : undefined,
    };
  }
}

function isDocument(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function checkData(data: unknown): Document {
  if (!isDocument(data) || !Array.isArray(data.failCommands)) {
    throw new MongoCommandError("BadValue", "failCommand fail point requires data.failCommands, an array of command names");
  }
  return data;
}

const registry = new WeakMap<ServerContext, FailPoints>();

/** The fail points of one server instance (kept beside its context rather than in it). */
export function failPointsOf(server: ServerContext): FailPoints {
  let points = registry.get(server);
  if (!points) {
    points = new FailPoints();
    registry.set(server, points);
  }
  return points;
}

/** Marks a reply the connection must not send: it closes the socket instead (failCommand closeConnection). */
export const CLOSE_CONNECTION: unique symbol = Symbol("closeConnection");

export function closesConnection(reply: Document): boolean {
  return (reply as { [CLOSE_CONNECTION]?: boolean })[CLOSE_CONNECTION] === true;
}
