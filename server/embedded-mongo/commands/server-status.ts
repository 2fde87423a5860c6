/** serverStatus / hostInfo: the identifying subset tools and test runners read (host, version, uptime, process). */
import { Long } from "bson";
import { hostname, cpus, totalmem } from "node:os";
import type { Command } from "../server-context";
import { SERVER_VERSION } from "../command-helpers/server-identity";

export const serverStatus: Command = {
  name: "serverStatus",
  inTransaction: false,
  run(_cmd, ctx) {
    const uptimeMillis = Date.now() - ctx.server.startedAt.getTime();
    const stats = ctx.engine.transactionStats();
    return {
      host: hostname(),
      version: SERVER_VERSION,
      process: "mongod",
      pid: process.pid,
      uptime: Math.floor(uptimeMillis / 1000),
      uptimeMillis,
      localTime: new Date(),
      connections: { current: 0, available: 1000 },
      repl: { setName: ctx.server.setName, isWritablePrimary: true, primary: ctx.server.hostAndPort },
      storageEngine: { name: "embedded-sqlite", supportsCommittedReads: true, persistent: true },
      // MongoDB's `currentOpen`; `snapshotPreImages` is ours: document versions kept for open transactions' snapshots.
      transactions: { currentOpen: stats.open, snapshotPreImages: stats.preImages },
      // MongoDB's activeSessionsCount; `retryableWrites` is ours: replies kept so a retried write is answered.
      logicalSessionRecordCache: { activeSessionsCount: ctx.server.sessions.size },
      retryableWrites: { repliesKept: ctx.server.sessions.retryableWriteStats.replies, replyBytesKept: ctx.server.sessions.retryableWriteStats.bytes },
      metrics: { ttl: { deletedDocuments: Long.fromNumber(ctx.server.ttl.deletedDocuments), passes: Long.fromNumber(ctx.server.ttl.passes) } },
      ok: 1,
    };
  },
};

export const hostInfo: Command = {
  name: "hostInfo",
  inTransaction: false,
  run() {
    return {
      system: { currentTime: new Date(), hostname: hostname(), cpuAddrSize: 64, memSizeMB: Math.round(totalmem() / 2 ** 20), numCores: cpus().length, cpuArch: process.arch },
      os: { type: process.platform === "linux" ? "Linux" : process.platform, name: process.platform, version: "" },
      extra: {},
      ok: 1,
    };
  },
};
