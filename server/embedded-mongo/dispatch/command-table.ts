/** The dispatch table: command name (and aliases) → command module. */
import { abortTransaction, commitTransaction } from "../commands/transactions";
import { aggregate } from "../commands/aggregate";
import { buildInfo } from "../commands/build-info";
import type { Command } from "../server-context";
import { collMod } from "../commands/coll-mod";
import { setParameter } from "../commands/set-parameter";
import { count } from "../commands/count";
import { create } from "../commands/create";
import { deleteCommand } from "../commands/delete";
import { distinct } from "../commands/distinct";
import { explain } from "../commands/explain";
import { drop } from "../commands/drop";
import { dropDatabase } from "../commands/drop-database";
import { endSessions } from "../commands/end-sessions";
import { find } from "../commands/find";
import { findAndModify } from "../commands/find-and-modify";
import { getMore } from "../commands/get-more";
import { hello, isMaster } from "../commands/hello";
import { createIndexes, dropIndexes, listIndexes } from "../commands/indexes";
import { insert } from "../commands/insert";
import { killCursors } from "../commands/kill-cursors";
import { listCollections } from "../commands/list-collections";
import { listDatabases } from "../commands/list-databases";
import { ping } from "../commands/ping";
import { renameCollection } from "../commands/rename-collection";
import { update } from "../commands/update";
import { configureFailPoint } from "../commands/configure-fail-point";
import { getParameter } from "../commands/get-parameter";
import { killAllSessions, killSessionsCommand } from "../commands/kill-all-sessions";
import { hostInfo, serverStatus } from "../commands/server-status";

const commands: Command[] = [
  hello,
  isMaster,
  ping,
  buildInfo,
  endSessions,
  listDatabases,
  dropDatabase,
  listCollections,
  create,
  collMod,
  setParameter,
  drop,
  renameCollection,
  insert,
  find,
  getMore,
  killCursors,
  update,
  deleteCommand,
  findAndModify,
  count,
  distinct,
  aggregate,
  explain,
  createIndexes,
  listIndexes,
  dropIndexes,
  commitTransaction,
  abortTransaction,
  configureFailPoint,
  killAllSessions,
  killSessionsCommand,
  getParameter,
  serverStatus,
  hostInfo,
];

export const commandTable: ReadonlyMap<string, Command> = new Map(
  commands.flatMap((command) => [command.name, ...(command.aliases ?? [])].map((name) => [name, command] as const)),
);
