import type { Command } from "./context";

export const SERVER_VERSION = "7.0.14";

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
