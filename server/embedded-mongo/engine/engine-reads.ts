/** Reads: a plan's scan over SQLite merged with a transaction's snapshot and own writes, then sort/skip/limit. */
import { deserialize } from "../bson-numbers";
import { compileFilter, type Matcher } from "../query/match";
import { isSimpleCollation, sortDocuments } from "../query/compare";
import { bytesToHex, prefixSuccessor } from "./keys";
import { boundsImplyFilter, planQuery, type Plan } from "./planner";
import { RawBson, type ResultDocument } from "../raw-bson";
import { compileRawFilter } from "./raw-documents";
import { type CollState, type IndexState } from "./store";
import type { Document, FindOptions, Namespace, QueryPlanInfo } from "./types";
import { nsKeyOf, type PreImage, type Row } from "./engine-base";
import { EngineWrites } from "./engine-writes";
import { maxTimeExpired, MongoCommandError } from "../errors";

function queryPlanKilled(why: string): MongoCommandError {
  return new MongoCommandError("QueryPlanKilled", `PlanExecutor error during query :: caused by :: ${why}`);
}

/** A yielding read pauses after this much scanning so other connections' commands run (manual: "Yielding"). */
const SCAN_SLICE_MS = 10;

/** Where a paused scan resumes: the interval it was in and the last row (or, descending, key run) it visited. */
interface ScanPosition {
  interval: number;
  after: { rid: number; k: Uint8Array | undefined } | undefined;
  /** Multikey index scans: documents already visited (each is visited once, whichever key finds it). */
  seen: Set<number> | null;
}

/** A yielding scan's time slice; undefined for a scan that runs to the end in one go. */
interface ScanSlice {
  start: number;
}

function sliceOver(slice: ScanSlice | undefined): boolean {
  return slice !== undefined && Date.now() - slice.start >= SCAN_SLICE_MS;
}

export interface ExecuteResult {
  docs: Document[];
  count: number;
  info: QueryPlanInfo;
}

type ExecuteMode = "find" | "raw" | "count" | "plan" | "explain";

export abstract class EngineReads extends EngineWrites {
  protected scanStatement(coll: CollState, plan: Plan, bounded: { lo: boolean; hi: boolean; resume?: "k" | "k-rid" | "rid" }) {
    const dir = plan.direction === 1 ? "ASC" : "DESC";
    const after = plan.direction === 1 ? ">" : "<";
    if (plan.stage === "COLLSCAN") {
      const where = bounded.resume ? ` WHERE rid ${after} ?` : "";
      return coll.db.sqlite.query(`SELECT rid, idk, doc FROM ${coll.table}${where} ORDER BY rid ${dir}`);
    }
    const index = plan.index as IndexState;
    const where: string[] = [];
    if (index.table === null) {
      if (bounded.lo) where.push("idk >= ?");
      if (bounded.hi) where.push("idk < ?");
      if (bounded.resume) where.push(`idk ${after} ?`);
      return coll.db.sqlite.query(
        `SELECT rid, idk, doc, idk AS k FROM ${coll.table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY idk ${dir}`,
      );
    }
    if (bounded.lo) where.push("x.k >= ?");
    if (bounded.hi) where.push("x.k < ?");
    if (bounded.resume === "k") where.push(`x.k ${after} ?`);
    if (bounded.resume === "k-rid") where.push(`(x.k > ? OR (x.k = ? AND x.rid > ?))`);
    return coll.db.sqlite.query(
      `SELECT c.rid AS rid, c.idk AS idk, c.doc AS doc, x.k AS k FROM ${index.table} x JOIN ${coll.table} c ON c.rid = x.rid` +
        `${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY x.k ${dir}, x.rid ${dir}`,
    );
  }

  /**
   * Streams the rows a plan visits, in plan order, until `visit` returns false ("done"). Descending index scans
   * reverse each run of equal keys so ties stay in natural order. With a `slice`, the scan stops ("paused")
   * once the slice is used up, at a row (or, descending, a run of equal keys) boundary recorded in `at`;
   * called again it resumes after it with a fresh statement, so it holds nothing of SQLite's while paused.
   */
  protected scan(
    coll: CollState,
    plan: Plan,
    stats: { keys: number },
    visit: (row: Row) => boolean,
    at: ScanPosition = { interval: 0, after: undefined, seen: null },
    slice?: ScanSlice,
  ): "done" | "paused" {
    if (plan.stage === "COLLSCAN") {
      const stmt = this.scanStatement(coll, plan, { lo: false, hi: false, resume: at.after ? "rid" : undefined });
      for (const row of (at.after ? stmt.iterate(at.after.rid) : stmt.iterate()) as IterableIterator<Row>) {
        if (!visit(row)) return "done";
        if (slice) {
          at.after = { rid: row.rid, k: undefined };
          if (sliceOver(slice)) return "paused";
        }
      }
      return "done";
    }
    const index = plan.index as IndexState;
    if (index.multikey) at.seen ??= new Set<number>();
    const seen = at.seen;
    const intervals = plan.direction === 1 ? plan.intervals : [...plan.intervals].reverse();
    for (; at.interval < intervals.length; at.interval++, at.after = undefined) {
      const interval = intervals[at.interval]!;
      const params: (Uint8Array | number)[] = [];
      if (interval.lo) params.push(interval.lo);
      if (interval.hi) params.push(interval.hi);
      let resume: "k" | "k-rid" | undefined;
      if (at.after) {
        const k = at.after.k as Uint8Array;
        resume = plan.direction === 1 && index.table !== null ? "k-rid" : "k";
        if (resume === "k-rid") params.push(k, k, at.after.rid);
        else params.push(k);
      }
      const stmt = this.scanStatement(coll, plan, { lo: interval.lo !== null, hi: interval.hi !== null, resume });
      let group: Row[] = [];
      const flush = (): boolean => {
        for (let i = group.length - 1; i >= 0; i--) if (!visit(group[i] as Row)) return false;
        group = [];
        return true;
      };
      for (const row of stmt.iterate(...params) as IterableIterator<Row>) {
        if (plan.direction === -1 && group.length > 0 && Buffer.compare(group[0]?.k as Uint8Array, row.k as Uint8Array) !== 0) {
          const key = group[0]!.k as Uint8Array;
          if (!flush()) return "done";
          if (slice) {
            at.after = { rid: 0, k: key };
            if (sliceOver(slice)) return "paused";
          }
        }
        stats.keys++;
        if (seen) {
          if (seen.has(row.rid)) continue;
          seen.add(row.rid);
        }
        if (plan.direction === 1) {
          if (!visit(row)) return "done";
          if (slice) {
            at.after = { rid: row.rid, k: row.k as Uint8Array };
            if (sliceOver(slice)) return "paused";
          }
          continue;
        }
        group.push(row);
      }
      if (plan.direction === -1 && !flush()) return "done";
    }
    return "done";
  }

  /**
   * The pre-images a plan could match. On the `_id_` index the intervals bound the encoded `_id` itself, and
   * keys are prefix-free, so a point interval holds exactly one key: look it up instead of walking them all.
   */
  protected *preImagesInPlan(saved: Map<string, PreImage>, plan: Plan): Iterable<[string, PreImage]> {
    if (plan.stage !== "IXSCAN" || (plan.index as IndexState).table !== null) {
      yield* saved;
      return;
    }
    const points = plan.intervals.every((i) => i.lo && i.hi && Buffer.compare(prefixSuccessor(i.lo), i.hi) === 0);
    if (points && plan.intervals.length < saved.size) {
      for (const interval of plan.intervals) {
        const hex = bytesToHex(interval.lo as Uint8Array);
        const then = saved.get(hex);
        if (then) yield [hex, then];
      }
      return;
    }
    for (const entry of saved) {
      const idk = entry[1].idk;
      if (plan.intervals.some((i) => (!i.lo || Buffer.compare(idk, i.lo) >= 0) && (!i.hi || Buffer.compare(idk, i.hi) < 0))) yield entry;
    }
  }

  /**
   * `raw`: results go straight into a reply, so when nothing in memory needs them (no sort here, no
   * transaction's own writes or snapshot to merge) they stay as stored BSON (ADR 0023).
   */
  protected execute(ns: Namespace, filter: Document, options: FindOptions, mode: ExecuteMode): ExecuteResult {
    const steps = this.executeSteps(ns, filter, options, mode, false);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * `execute` for a command that may take long (manual: "Yielding"): the scan pauses every SCAN_SLICE_MS and
   * the event loop serves other connections before it resumes. Documents written meanwhile may or may not be
   * seen, as with MongoDB's yielding reads (manual: "Cursor Isolation"); a document is never seen twice. A
   * collection or index dropped during a pause ends the read with QueryPlanKilled. Reads in a transaction
   * run in one go (their snapshot bookkeeping assumes it).
   */
  protected async executeYielding(ns: Namespace, filter: Document, options: FindOptions, mode: ExecuteMode): Promise<ExecuteResult> {
    const steps = this.executeSteps(ns, filter, options, mode, options.txn === undefined);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The read itself; yields (when `pausable`) where the scan paused. */
  protected *executeSteps(
    ns: Namespace,
    filter: Document,
    options: FindOptions,
    mode: ExecuteMode,
    pausable: boolean,
  ): Generator<void, ExecuteResult> {
    const txn = options.txn ? this.asTxn(options.txn) : undefined;
    const coll = this.visibleColl(ns, txn);
    const compile = (): Matcher => compileFilter(filter ?? {}, { let: options.let, collation: options.collation });
    const overlay = coll && txn ? txn.writes.get(nsKeyOf(ns)) : undefined;
    const saved = coll && txn ? txn.preImages.get(nsKeyOf(ns)) : undefined;
    if (!coll) {
      compile(); // an invalid filter is refused on a missing collection too
      return { docs: [] as Document[], count: 0, info: { stage: "COLLSCAN", docsExamined: 0, keysExamined: 0 } as QueryPlanInfo };
    }
    const plan = planQuery(coll.indexes, filter ?? {}, options);
    const hasSort = options.sort !== undefined && Object.keys(options.sort).length > 0;
    const simple = isSimpleCollation(options.collation);
    const snapshotted = saved !== undefined && saved.size > 0;
    // Rows the transaction sees differently (own writes, snapshot pre-images) are skipped in the scan and
    // matched separately: an index finds them by their latest keys, not by the keys the transaction sees.
    const overlaid = (overlay !== undefined && overlay.size > 0) || snapshotted;
    const providesSort = plan.providesSort && simple && !overlaid;
    const needSort = hasSort && !providesSort;
    const skip = Math.max(0, options.skip ?? 0);
    const limit = Math.abs(options.limit ?? 0);
    const stopAfter = !needSort && !overlaid && limit > 0 ? skip + limit : Number.POSITIVE_INFINITY;
    const stats = { keys: 0, docs: 0 };
    const matched: { rid: number; doc: Document }[] = [];
    let count = 0;
    const keepDocs = mode === "find" || mode === "raw" || needSort || overlaid;
    const passBytes = mode === "raw" && !needSort && !overlaid;
    // The index bounds already prove the filter: the stored document need not be decoded at all.
    const exact = (passBytes || (mode === "count" && !overlaid)) && boundsImplyFilter(plan, filter ?? {}, options.collation);
    // Compiling the filter was a third of a small indexed read (the data epochs' `_id: { $in }`), and bounds
    // that imply the filter only admit filters that compile.
    const matcher: Matcher = exact ? () => true : compile();
    // Top-level equalities the bounds do not prove (`{ _id, organizationId }`) are checked on the stored bytes.
    const rawFilter = exact ? undefined : compileRawFilter(filter ?? {}, options.collation);
    const rawMatched = matched as { rid: number; doc: ResultDocument }[];
    const deadline = options.deadline;
    // A paused index scan resumes by key: a document whose key moved past the resume point meanwhile would
    // come again.
    const visited = pausable && plan.stage === "IXSCAN" && (plan.index as IndexState).table !== null ? new Set<number>() : undefined;
    const visitor = (row: Row): boolean => {
      // maxTimeMS is checked per document, so one expensive match (a huge $in, a slow regex) overruns it by
      // one document's cost at most.
      if (deadline !== undefined && Date.now() > deadline) throw maxTimeExpired();
      if (visited) {
        if (visited.has(row.rid)) return true;
        visited.add(row.rid);
      }
      if (overlaid) {
        const hex = bytesToHex(row.idk);
        if (overlay?.has(hex) || saved?.has(hex)) return true;
      }
      stats.docs++;
      if (exact) {
        count++;
        if (passBytes) rawMatched.push({ rid: row.rid, doc: new RawBson(row.doc) });
        return count < stopAfter;
      }
      const verdict = rawFilter?.(row.doc);
      if (verdict === false) return true;
      if (verdict === true) {
        count++;
        if (passBytes) rawMatched.push({ rid: row.rid, doc: new RawBson(row.doc) });
        else if (keepDocs) matched.push({ rid: row.rid, doc: deserialize(row.doc) });
        return count < stopAfter;
      }
      const doc = deserialize(row.doc);
      if (!matcher(doc)) return true;
      count++;
      if (passBytes) rawMatched.push({ rid: row.rid, doc: new RawBson(row.doc) });
      else if (keepDocs) matched.push({ rid: row.rid, doc });
      return count < stopAfter;
    };
    const position: ScanPosition = { interval: 0, after: undefined, seen: null };
    const slice = pausable ? { start: Date.now() } : undefined;
    while (this.scan(coll, plan, stats, visitor, position, slice) === "paused") {
      yield;
      if (this.visibleColl(ns, txn) !== coll) throw queryPlanKilled("collection dropped");
      if (plan.index && !coll.indexes.includes(plan.index as IndexState)) throw queryPlanKilled(`index '${plan.index.name}' dropped`);
      slice!.start = Date.now();
    }
    if (snapshotted) {
      for (const [hex, then] of this.preImagesInPlan(saved, plan)) {
        if (then.bytes === null || overlay?.has(hex)) continue;
        then.decoded ??= deserialize(then.bytes);
        stats.docs++;
        if (matcher(then.decoded)) {
          count++;
          matched.push({ rid: then.rid, doc: deserialize(then.bytes) });
        }
      }
      // Natural order, which a collection scan promises and index-scan sorts use to break ties.
      if (!needSort && plan.stage === "COLLSCAN") matched.sort((a, b) => (a.rid - b.rid) * plan.direction);
    }
    if (overlay !== undefined && overlay.size > 0) {
      const extra = [...overlay.values()].filter((e) => e.doc !== null).sort((a, b) => a.order - b.order);
      for (const entry of extra) {
        const doc = deserialize(entry.bytes as Uint8Array);
        if (matcher(doc)) {
          count++;
          matched.push({ rid: Number.MAX_SAFE_INTEGER, doc });
        }
      }
    }
    const info: QueryPlanInfo = {
      stage: plan.stage,
      ...(plan.index ? { indexName: plan.index.name } : {}),
      docsExamined: stats.docs,
      keysExamined: stats.keys,
    };
    let docs: Document[] = [];
    if (keepDocs) {
      if (needSort) {
        if (plan.stage === "IXSCAN" || snapshotted) matched.sort((a, b) => a.rid - b.rid);
        docs = sortDocuments(
          matched.map((m) => m.doc),
          options.sort as Record<string, unknown>,
          options.collation,
        );
      } else {
        docs = matched.map((m) => m.doc);
      }
      docs = limit > 0 ? docs.slice(skip, skip + limit) : docs.slice(skip);
    }
    const total = limit > 0 ? Math.max(0, Math.min(count - skip, limit)) : Math.max(0, count - skip);
    if (mode === "explain") {
      const index = plan.index;
      info.detail = {
        nMatched: count,
        nReturned: total,
        direction: plan.direction,
        sortInMemory: needSort,
        ...(index
          ? { index: { keyPattern: index.key, multikey: index.multikey, unique: index.unique, sparse: index.sparse, partial: index.partialFilterExpression !== undefined } }
          : {}),
      };
    }
    return { docs, count: total, info };
  }

  async findYielding(ns: Namespace, filter: Document, options: FindOptions = {}): Promise<Document[]> {
    return (await this.executeYielding(ns, filter, options, "find")).docs;
  }

  async findForReplyYielding(ns: Namespace, filter: Document, options: FindOptions = {}): Promise<ResultDocument[]> {
    return (await this.executeYielding(ns, filter, options, "raw")).docs;
  }

  async countYielding(ns: Namespace, filter: Document, options: FindOptions = {}): Promise<number> {
    return (await this.executeYielding(ns, filter, options, "count")).count;
  }

  find(ns: Namespace, filter: Document, options: FindOptions = {}): Document[] {
    return this.execute(ns, filter, options, "find").docs;
  }

  findForReply(ns: Namespace, filter: Document, options: FindOptions = {}): ResultDocument[] {
    return this.execute(ns, filter, options, "raw").docs;
  }

  count(ns: Namespace, filter: Document, options: FindOptions = {}): number {
    return this.execute(ns, filter, options, "count").count;
  }

  plan(ns: Namespace, filter: Document, options: FindOptions = {}): QueryPlanInfo {
    return this.execute(ns, filter, options, "plan").info;
  }

  explain(ns: Namespace, filter: Document, options: FindOptions = {}): QueryPlanInfo {
    return this.execute(ns, filter, options, "explain").info;
  }
}
