/** Reads: a plan's scan over SQLite merged with a transaction's snapshot and own writes, then sort/skip/limit. */
import { deserialize } from "../bson-numbers";
import { compileFilter, type Matcher } from "../query/match";
import { isSimpleCollation, sortDocuments } from "../query/compare";
import { bytesToHex, prefixSuccessor } from "./keys";
import { boundsImplyFilter, planQuery, type Plan } from "./planner";
import { RawBson, type ResultDocument } from "../raw-bson";
import { type CollState, type IndexState } from "./store";
import type { Document, FindOptions, Namespace, QueryPlanInfo } from "./types";
import { nsKeyOf, type PreImage, type Row } from "./engine-base";
import { EngineWrites } from "./engine-writes";

export abstract class EngineReads extends EngineWrites {
  protected scanStatement(coll: CollState, plan: Plan, bounded: { lo: boolean; hi: boolean }) {
    const dir = plan.direction === 1 ? "ASC" : "DESC";
    if (plan.stage === "COLLSCAN") return coll.db.sqlite.query(`SELECT rid, idk, doc FROM ${coll.table} ORDER BY rid ${dir}`);
    const index = plan.index as IndexState;
    const where: string[] = [];
    if (index.table === null) {
      if (bounded.lo) where.push("idk >= ?");
      if (bounded.hi) where.push("idk < ?");
      return coll.db.sqlite.query(
        `SELECT rid, idk, doc, idk AS k FROM ${coll.table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY idk ${dir}`,
      );
    }
    if (bounded.lo) where.push("x.k >= ?");
    if (bounded.hi) where.push("x.k < ?");
    return coll.db.sqlite.query(
      `SELECT c.rid AS rid, c.idk AS idk, c.doc AS doc, x.k AS k FROM ${index.table} x JOIN ${coll.table} c ON c.rid = x.rid` +
        `${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY x.k ${dir}, x.rid ${dir}`,
    );
  }

  /**
   * Streams the rows a plan visits, in plan order, until `visit` returns false. Descending index scans
   * reverse each run of equal keys so ties stay in natural order.
   */
  protected scan(coll: CollState, plan: Plan, stats: { keys: number }, visit: (row: Row) => boolean): void {
    if (plan.stage === "COLLSCAN") {
      for (const row of this.scanStatement(coll, plan, { lo: false, hi: false }).iterate() as IterableIterator<Row>) {
        if (!visit(row)) return;
      }
      return;
    }
    const index = plan.index as IndexState;
    const seen = index.multikey ? new Set<number>() : null;
    const intervals = plan.direction === 1 ? plan.intervals : [...plan.intervals].reverse();
    for (const interval of intervals) {
      const params: Uint8Array[] = [];
      if (interval.lo) params.push(interval.lo);
      if (interval.hi) params.push(interval.hi);
      const stmt = this.scanStatement(coll, plan, { lo: interval.lo !== null, hi: interval.hi !== null });
      let group: Row[] = [];
      const flush = (): boolean => {
        for (let i = group.length - 1; i >= 0; i--) if (!visit(group[i] as Row)) return false;
        group = [];
        return true;
      };
      for (const row of stmt.iterate(...params) as IterableIterator<Row>) {
        stats.keys++;
        if (seen) {
          if (seen.has(row.rid)) continue;
          seen.add(row.rid);
        }
        if (plan.direction === 1) {
          if (!visit(row)) return;
          continue;
        }
        if (group.length > 0 && Buffer.compare(group[0]?.k as Uint8Array, row.k as Uint8Array) !== 0 && !flush()) return;
        group.push(row);
      }
      if (plan.direction === -1 && !flush()) return;
    }
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
  protected execute(ns: Namespace, filter: Document, options: FindOptions, mode: "find" | "raw" | "count" | "plan" | "explain") {
    const txn = options.txn ? this.asTxn(options.txn) : undefined;
    const coll = this.visibleColl(ns, txn);
    const matcher: Matcher = compileFilter(filter ?? {}, { let: options.let, collation: options.collation });
    const overlay = coll && txn ? txn.writes.get(nsKeyOf(ns)) : undefined;
    const saved = coll && txn ? txn.preImages.get(nsKeyOf(ns)) : undefined;
    if (!coll) {
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
    const rawMatched = matched as { rid: number; doc: ResultDocument }[];
    this.scan(coll, plan, stats, (row) => {
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
      const doc = deserialize(row.doc);
      if (!matcher(doc)) return true;
      count++;
      if (passBytes) rawMatched.push({ rid: row.rid, doc: new RawBson(row.doc) });
      else if (keepDocs) matched.push({ rid: row.rid, doc });
      return count < stopAfter;
    });
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
