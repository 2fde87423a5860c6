import { SERVER_VERSION } from "../command-helpers/server-identity";
import type { Command } from "../server-context";

export const buildInfo: Command = {
  name: "buildInfo",
  aliases: ["buildinfo"],
  run: () => ({
    version: SERVER_VERSION,
    gitVersion: "embedded-mongo",
    versionArray: SERVER_VERSION.split(".").map(Number).concat(0),
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ["sqlite"],
    javascriptEngine: "none",
    modules: [],
    openssl: { running: "disabled", compiled: "disabled" },
    buildEnvironment: {},
    allocator: "system",
    sysInfo: "deprecated",
    ok: 1,
  }),
};
