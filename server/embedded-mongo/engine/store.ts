/**
 * One SQLite database per MongoDB database, and the in-memory view of its catalog.
 *
 * Layout of `<db>.sqlite`:
 * - `_catalog(name, cid, meta)`: one row per collection; `meta` is BSON `{ uuid, options, indexes, nextIndexId }`.
 * - `c<cid>(rid INTEGER PRIMARY KEY, idk BLOB UNIQUE, doc BLOB)`: documents as BSON; `rid` is the natural
 *   (insertion) order, `idk` the encoded `_id` (keys.ts), whose UNIQUE index *is* the `_id_` index.
 * - `x<cid>_<n>(k BLOB, rid INTEGER, PRIMARY KEY (k, rid)) WITHOUT ROWID`: one table per secondary index.
 * Tables are named by a numeric id so renaming a collection only rewrites its catalog row.
 *
 * Durability: `journal_mode=WAL` + `synchronous=NORMAL`. Each acknowledged write is a committed SQLite
 * transaction whose pages were written to the WAL file before COMMIT returned; killing the process
 * (even with SIGKILL) cannot lose them because they are already in the OS. Only an OS crash or power loss can
 * drop the last transactions (NORMAL skips the fsync on each commit), which MongoDB with its default
 * journal commit interval also allows. FULL would fsync every commit at a large throughput cost.
 */
import { Database, type Statement } from "bun:sqlite";
import { deserialize, serialize, UUID } from "bson";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { compileFilter, type Matcher } from "../query/match";
import type { PlannableIndex } from "./planner";
import type { Document, IndexSpec } from "./types";

export interface IndexState extends PlannableIndex {
  spec: IndexSpec;
  /** SQLite table of the keys; null for `_id_`, which is the UNIQUE `idk` column of the collection table. */
  table: string | null;
  parts: { parts: string[] }[];
  partialMatcher?: Matcher;
  insertKey?: Statement;
  deleteKey?: Statement;
  findKey?: Statement;
  findKeyIds?: Statement;
}

export interface CollState {
  name: string;
  cid: number;
  uuid: UUID;
  optionsBytes: Uint8Array;
  indexes: IndexState[];
  nextIndexId: number;
  table: string;
  db: DbState;
  insert: Statement;
  byIdk: Statement;
  update: Statement;
  remove: Statement;
  /**
   * Created by an open transaction: its tables exist, but it has no catalog row and is not in `db.colls`
   * until the transaction commits (a crash before then leaves only orphan tables, dropped at open).
   */
  uncommitted?: boolean;
}

export interface DbState {
  name: string;
  sqlite: Database;
  path: string | null;
  colls: Map<string, CollState>;
  nextCid: number;
  /** A BEGIN issued by `batch()` is open on this connection. */
  inBatch: boolean;
  savepoint: Statement;
  release: Statement;
  rollbackTo: Statement;
}

interface StoredIndex {
  spec: IndexSpec;
  table: string | null;
  multikey: boolean;
}

interface StoredMeta {
  uuid: UUID;
  options: Document;
  indexes: StoredIndex[];
  nextIndexId: number;
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: "_id_" };

export function openDatabase(name: string, dataDir: string | null): DbState {
  const path = dataDir === null ? null : join(dataDir, `${name}.sqlite`);
  const sqlite = new Database(path ?? ":memory:", { create: true, strict: false });
  if (path) {
    sqlite.run("PRAGMA journal_mode=WAL");
    sqlite.run("PRAGMA synchronous=NORMAL");
  }
  sqlite.run("PRAGMA cache_size=-16000");
  sqlite.run("CREATE TABLE IF NOT EXISTS _catalog (name TEXT PRIMARY KEY, cid INTEGER NOT NULL UNIQUE, meta BLOB NOT NULL)");
  const db: DbState = {
    name,
    sqlite,
    path,
    colls: new Map(),
    nextCid: 1,
    inBatch: false,
    savepoint: sqlite.prepare("SAVEPOINT w"),
    release: sqlite.prepare("RELEASE w"),
    rollbackTo: sqlite.prepare("ROLLBACK TO w"),
  };
  const rows = sqlite.query("SELECT name, cid, meta FROM _catalog ORDER BY cid").all() as { name: string; cid: number; meta: Uint8Array }[];
  for (const row of rows) {
    const meta = deserialize(row.meta) as StoredMeta;
    const coll = makeCollState(db, row.name, row.cid, meta);
    db.colls.set(row.name, coll);
    db.nextCid = Math.max(db.nextCid, row.cid + 1);
  }
  dropOrphanTables(db, new Set(rows.map((r) => r.cid)));
  return db;
}

/** Tables of collections whose transaction never committed (the process died first). */
function dropOrphanTables(db: DbState, cids: Set<number>): void {
  const tables = db.sqlite.query("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  for (const { name } of tables) {
    const match = /^[cx](\d+)(?:_\d+)?$/.exec(name);
    if (!match || cids.has(Number(match[1]))) continue;
    db.sqlite.run(`DROP TABLE ${name}`);
    db.nextCid = Math.max(db.nextCid, Number(match[1]) + 1);
  }
}

function prepareColl(db: DbState, table: string) {
  return {
    insert: db.sqlite.prepare(`INSERT INTO ${table} (idk, doc) VALUES (?, ?)`),
    byIdk: db.sqlite.prepare(`SELECT rid, doc FROM ${table} WHERE idk = ?`),
    update: db.sqlite.prepare(`UPDATE ${table} SET doc = ? WHERE rid = ?`),
    remove: db.sqlite.prepare(`DELETE FROM ${table} WHERE rid = ?`),
  };
}

export function makeIndexState(spec: IndexSpec, table: string | null, multikey: boolean): IndexState {
  const fields = Object.entries(spec.key).map(([path, dir]) => ({ path, direction: (Number(dir) < 0 ? -1 : 1) as 1 | -1 }));
  return {
    name: spec.name,
    spec,
    key: spec.key,
    table,
    fields,
    parts: fields.map((f) => ({ parts: f.path.split(".") })),
    unique: table === null || spec.unique === true,
    sparse: spec.sparse === true,
    partialFilterExpression: spec.partialFilterExpression,
    partialMatcher: spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined,
    multikey,
  };
}

function makeCollState(db: DbState, name: string, cid: number, meta: StoredMeta): CollState {
  const table = `c${cid}`;
  const indexes = meta.indexes.map((i) => makeIndexState(i.spec, i.table, i.multikey));
  return {
    name,
    cid,
    uuid: meta.uuid,
    optionsBytes: serialize(meta.options),
    indexes,
    nextIndexId: meta.nextIndexId,
    table,
    db,
    ...prepareColl(db, table),
  };
}

export function indexStatements(coll: CollState, index: IndexState): Required<Pick<IndexState, "insertKey" | "deleteKey" | "findKey" | "findKeyIds">> {
  if (!index.insertKey || !index.deleteKey || !index.findKey || !index.findKeyIds) {
    const t = index.table as string;
    const s = coll.db.sqlite;
    index.insertKey = s.prepare(`INSERT OR IGNORE INTO ${t} (k, rid) VALUES (?, ?)`);
    index.deleteKey = s.prepare(`DELETE FROM ${t} WHERE k = ? AND rid = ?`);
    index.findKey = s.prepare(`SELECT rid FROM ${t} WHERE k = ? AND rid <> ? LIMIT 1`);
    index.findKeyIds = s.prepare(`SELECT c.idk AS idk FROM ${t} x JOIN ${coll.table} c ON c.rid = x.rid WHERE x.k = ?`);
  }
  return index as Required<Pick<IndexState, "insertKey" | "deleteKey" | "findKey" | "findKeyIds">>;
}

export function saveCatalog(coll: CollState): void {
  if (coll.uncommitted) return;
  const meta: StoredMeta = {
    uuid: coll.uuid,
    options: deserialize(coll.optionsBytes),
    indexes: coll.indexes.map((i) => ({ spec: i.spec, table: i.table, multikey: i.multikey })),
    nextIndexId: coll.nextIndexId,
  };
  coll.db.sqlite
    .query("INSERT INTO _catalog (name, cid, meta) VALUES (?, ?, ?) ON CONFLICT(cid) DO UPDATE SET name = excluded.name, meta = excluded.meta")
    .run(coll.name, coll.cid, serialize(meta));
}

/** `uncommitted`: for an open transaction (see CollState.uncommitted); the caller publishes it at commit. */
export function createCollState(db: DbState, name: string, options: Document, uncommitted = false): CollState {
  const cid = db.nextCid++;
  const table = `c${cid}`;
  db.sqlite.run(`CREATE TABLE ${table} (rid INTEGER PRIMARY KEY, idk BLOB NOT NULL UNIQUE, doc BLOB NOT NULL)`);
  const meta: StoredMeta = {
    uuid: new UUID(),
    options,
    indexes: [{ spec: ID_INDEX_SPEC, table: null, multikey: false }],
    nextIndexId: 1,
  };
  const coll = makeCollState(db, name, cid, meta);
  if (uncommitted) {
    coll.uncommitted = true;
    return coll;
  }
  saveCatalog(coll);
  db.colls.set(name, coll);
  return coll;
}

export function dropCollState(coll: CollState): void {
  const s = coll.db.sqlite;
  for (const index of coll.indexes) if (index.table) s.run(`DROP TABLE IF EXISTS ${index.table}`);
  s.run(`DROP TABLE IF EXISTS ${coll.table}`);
  s.query("DELETE FROM _catalog WHERE cid = ?").run(coll.cid);
  if (coll.db.colls.get(coll.name) === coll) coll.db.colls.delete(coll.name);
}

/** Database names present in the data directory. */
export function listDatabaseFiles(dataDir: string): string[] {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  return readdirSync(dataDir)
    .filter((f) => f.endsWith(".sqlite"))
    .map((f) => f.slice(0, -".sqlite".length));
}

export function removeDatabaseFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}

export function databaseSize(db: DbState): number {
  if (db.path) {
    let size = 0;
    for (const suffix of ["", "-wal"]) {
      try {
        size += statSync(db.path + suffix).size;
      } catch {
        // absent WAL file
      }
    }
    return size;
  }
  const row = db.sqlite.query("SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()").get() as { size: number } | null;
  return row?.size ?? 0;
}
