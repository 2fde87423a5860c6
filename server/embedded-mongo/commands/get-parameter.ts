/** getParameter: the server parameters drivers' test runners and tools ask for (admin only). */
import type { Document } from "bson";
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";

const PARAMETERS: Readonly<Document> = {
  featureCompatibilityVersion: { version: "7.0" },
  requireApiVersion: false,
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  authenticationMechanisms: [],
  internalQueryFrameworkControl: "trySbeRestricted",
};

export const getParameter: Command = {
  name: "getParameter",
  adminOnly: true,
  inTransaction: false,
  run(cmd, ctx) {
    const selector = cmd.getParameter;
    const parameters: Document = { ...PARAMETERS, ttlMonitorSleepSecs: ctx.server.ttl.sleepSecs, ttlMonitorEnabled: ctx.server.ttl.enabled, enableTestCommands: ctx.server.testCommandsEnabled, ...ctx.server.queryKnobs };
    if (selector === "*" || (selector && typeof selector === "object" && (selector as Document).allParameters)) {
      return { ...parameters, ok: 1 };
    }
    const reply: Document = {};
    for (const key of Object.keys(cmd)) {
      if (key === "getParameter" || key.startsWith("$") || key === "lsid" || key === "comment") continue;
      if (Object.hasOwn(parameters, key)) reply[key] = parameters[key];
    }
    if (Object.keys(reply).length === 0) throw new MongoCommandError("InvalidOptions", "no option found to get");
    return { ...reply, ok: 1 };
  },
};
