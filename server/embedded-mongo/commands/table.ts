/** The dispatch table: command name (and aliases) → command module. */
import { abortTransaction, commitTransaction } from "./transactions";
import { aggregate } from "./aggregate";
import { buildInfo } from "./buildInfo";
import type { Command } from "./context";
import { count } from "./count";
import { create } from "./create";
import { deleteCommand } from "./delete";
import { distinct } from "./distinct";
import { drop } from "./drop";
import { dropDatabase } from "./dropDatabase";
import { endSessions } from "./endSessions";
import { find } from "./find";
import { findAndModify } from "./findAndModify";
import { getMore } from "./getMore";
import { hello, isMaster } from "./hello";
import { createIndexes, dropIndexes, listIndexes } from "./indexes";
import { insert } from "./insert";
import { killCursors } from "./killCursors";
import { listCollections } from "./listCollections";
import { listDatabases } from "./listDatabases";
import { ping } from "./ping";
import { renameCollection } from "./renameCollection";
import { update } from "./update";
import { configureFailPoint } from "./configureFailPoint";
import { getParameter } from "./getParameter";
import { killAllSessions, killSessionsCommand } from "./killAllSessions";
import { hostInfo, serverStatus } from "./serverStatus";

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
