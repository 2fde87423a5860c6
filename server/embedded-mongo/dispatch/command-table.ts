/** The dispatch table: command name (and aliases) → command module. */
import { abortTransaction, commitTransaction } from "../commands/transactions";
import { aggregate } from "../commands/aggregate";
import { buildInfo } from "../commands/buildInfo";
import type { Command } from "../server-context";
import { count } from "../commands/count";
import { create } from "../commands/create";
import { deleteCommand } from "../commands/delete";
import { distinct } from "../commands/distinct";
import { drop } from "../commands/drop";
import { dropDatabase } from "../commands/dropDatabase";
import { endSessions } from "../commands/endSessions";
import { find } from "../commands/find";
import { findAndModify } from "../commands/findAndModify";
import { getMore } from "../commands/getMore";
import { hello, isMaster } from "../commands/hello";
import { createIndexes, dropIndexes, listIndexes } from "../commands/indexes";
import { insert } from "../commands/insert";
import { killCursors } from "../commands/killCursors";
import { listCollections } from "../commands/listCollections";
import { listDatabases } from "../commands/listDatabases";
import { ping } from "../commands/ping";
import { renameCollection } from "../commands/renameCollection";
import { update } from "../commands/update";
import { configureFailPoint } from "../commands/configureFailPoint";
import { getParameter } from "../commands/getParameter";
import { killAllSessions, killSessionsCommand } from "../commands/killAllSessions";
import { hostInfo, serverStatus } from "../commands/serverStatus";

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
