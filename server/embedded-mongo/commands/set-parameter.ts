/**
 * setParameter (manual: "setParameter"), admin only: the runtime parameters the embedded server has —
 * `ttlMonitorSleepSecs` and `ttlMonitorEnabled` (manual: "TTL Indexes"; tests shorten the monitor's period),
 * `internalQueryMaxAllowedDensifyDocs` (manual: "$densify").
 * Replies with the previous value as `was`, as MongoDB does.
 */
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";
import { toNumber } from "../command-helpers/fields";

const SETTABLE = new Set(["ttlMonitorSleepSecs", "ttlMonitorEnabled", "internalQueryMaxAllowedDensifyDocs"]);

export const setParameter: Command = {
  name: "setParameter",
  adminOnly: true,
  run(cmd, ctx) {
    const names = Object.keys(cmd).filter((key) => key !== "setParameter" && !key.startsWith("$") && key !== "lsid" && key !== "comment");
    if (names.length === 0) throw new MongoCommandError("InvalidOptions", "no option found to set, use help:true to see options ");
    const ttl = ctx.server.ttl;
    let was: unknown;
    for (const name of names) {
      if (!SETTABLE.has(name)) {
        throw new MongoCommandError("InvalidOptions", `attempted to set unrecognized parameter [${name}], use help:true to see options `);
      }
      const value = cmd[name];
      if (name === "ttlMonitorSleepSecs") {
        const seconds = toNumber(value);
        if (seconds === undefined || !Number.isInteger(seconds) || seconds < 1) {
          throw new MongoCommandError("BadValue", `Invalid value for parameter ttlMonitorSleepSecs: ${String(value)} is not greater than or equal to 1`);
        }
        was = ttl.sleepSecs;
        ttl.setSleepSecs(seconds);
      } else if (name === "internalQueryMaxAllowedDensifyDocs") {
        // query_knobs.idl: an int, greater than 0.
        const limit = toNumber(value);
        if (limit === undefined || !Number.isInteger(limit) || limit < 1 || limit > 2147483647) {
          throw new MongoCommandError("BadValue", `Invalid value for parameter internalQueryMaxAllowedDensifyDocs: ${String(value)} is not greater than 0`);
        }
        was = ctx.server.queryKnobs.internalQueryMaxAllowedDensifyDocs;
        ctx.server.queryKnobs.internalQueryMaxAllowedDensifyDocs = limit;
      } else {
        if (typeof value !== "boolean") throw new MongoCommandError("BadValue", "ttlMonitorEnabled must be a boolean");
        was = ttl.enabled;
        ttl.enabled = value;
      }
    }
    return { was, ok: 1 };
  },
};
