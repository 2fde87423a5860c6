/**
 * MongoDB's `failCommand` fail point (configureFailPoint, a test command): makes chosen commands fail with an
 * error code and labels, close the connection, stall for blockTimeMS, or report a writeConcernError, either
 * a number of times or until switched off. Drivers' retry and transaction tests are built on it.
 */
import type { Document } from "bson";
import { MongoCommandError } from "./errors";

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

/** The fail points of one server instance: its context owns them, so each server's tests arm their own. */
export class FailPoints {
  #failCommand: Armed | undefined;
  /** connection id → the handshake's client.application.name, for fail points limited to one appName. */
  readonly #appNames = new Map<number, string>();

  /** Remembers the appName a connection's handshake announced. */
  rememberAppName(connectionId: number, commandName: string, cmd: Document): void {
    if (commandName !== "hello" && commandName !== "isMaster" && commandName !== "ismaster") return;
    const appName = (cmd.client as Document | undefined)?.application?.name;
    if (typeof appName !== "string") return;
    if (this.#appNames.size > 10_000) this.#appNames.clear(); // connection ids are never reused; forget old ones wholesale
    this.#appNames.set(connectionId, appName);
  }

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
  failCommand(commandName: string, connectionId: number): FailCommandAction | undefined {
    const armed = this.#failCommand;
    if (!armed) return undefined;
    const appName = this.#appNames.get(connectionId);
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

/** Marks a reply the connection must not send: it closes the socket instead (failCommand closeConnection). */
export const CLOSE_CONNECTION: unique symbol = Symbol("closeConnection");

export function closesConnection(reply: Document): boolean {
  return (reply as { [CLOSE_CONNECTION]?: boolean })[CLOSE_CONNECTION] === true;
}
