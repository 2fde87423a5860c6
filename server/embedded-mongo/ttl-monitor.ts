/**
 * The TTL monitor (manual: "TTL Indexes" → "Deletion Operations"): every `ttlMonitorSleepSecs` (60 s by
 * default, settable with setParameter) it deletes, for each index with `expireAfterSeconds`, the documents
 * whose indexed field is a date (or an array holding a date) older than now − expireAfterSeconds. Deletes go
 * in small batches, each one SQLite transaction, and after a few ms of work the monitor yields to the event
 * loop so other clients' commands wait a few milliseconds at most during a long pass (a pass over 100,000
 * documents in batches of 500 held finds up to ~400 ms). A document held by an open transaction is left for
 * a later pass.
 */
import type { Document } from "bson";
import { isMongoCommandError } from "./errors";
import type { StorageEngine } from "./engine/types";

export const DEFAULT_TTL_MONITOR_SLEEP_SECS = 60;
export interface TtlMonitorTuning {
  /** Documents found and deleted per SQLite transaction. Default 64. */
  batchDocs?: number;
  /** Work done between two yields to other clients; 0 yields after every batch. Default 4 ms. */
  sliceMs?: number;
}

export class TtlMonitor {
  sleepSecs = DEFAULT_TTL_MONITOR_SLEEP_SECS;
  enabled = true;
  /** serverStatus.metrics.ttl */
  deletedDocuments = 0;
  passes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #stopped = false;

  readonly #batchDocs: number;
  readonly #sliceMs: number;

  constructor(
    private readonly engine: StorageEngine,
    tuning: TtlMonitorTuning = {},
  ) {
    this.#batchDocs = tuning.batchDocs ?? 64;
    this.#sliceMs = tuning.sliceMs ?? 4;
  }

  start(): void {
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** setParameter ttlMonitorSleepSecs: the next pass comes that long from now. */
  setSleepSecs(seconds: number): void {
    this.sleepSecs = seconds;
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.pass().finally(() => this.#schedule());
    }, this.sleepSecs * 1000);
    this.#timer.unref?.();
  }

  /** One pass over every TTL index; resolves once it is done (a pass already running is not doubled). */
  async pass(): Promise<void> {
    if (!this.enabled || this.#running || this.#stopped) return;
    this.#running = true;
    try {
      for (const { ns, field, seconds } of this.#ttlIndexes()) {
        await this.#expire(ns, field, seconds);
        if (this.#stopped) return;
      }
      this.passes++;
    } finally {
      this.#running = false;
    }
  }

  *#ttlIndexes(): Iterable<{ ns: { db: string; coll: string }; field: string; seconds: number }> {
    for (const db of this.engine.listDatabases()) {
      for (const coll of this.engine.listCollections(db.name)) {
        if (coll.type !== "collection") continue;
        const ns = { db: db.name, coll: coll.name };
        let indexes;
        try {
          indexes = this.engine.listIndexes(ns);
        } catch {
          continue; // dropped meanwhile
        }
        for (const index of indexes) {
          const fields = Object.keys(index.key);
          if (typeof index.expireAfterSeconds === "number" && fields.length === 1) {
            yield { ns, field: fields[0]!, seconds: index.expireAfterSeconds };
          }
        }
      }
    }
  }

  async #expire(ns: { db: string; coll: string }, field: string, seconds: number): Promise<void> {
    const cutoff = new Date(Date.now() - seconds * 1000);
    // Comparison with a date only matches dates (BSON type order), and an array matches by its earliest date.
    const filter: Document = { [field]: { $lt: cutoff } };
    let sliceStart = Date.now();
    for (;;) {
      if (this.#stopped) return;
      let expired: Document[];
      try {
        expired = this.engine.find(ns, filter, { limit: this.#batchDocs });
      } catch {
        return; // collection or index dropped between batches
      }
      if (expired.length === 0) return;
      let deleted = 0;
      this.engine.batch(() => {
        for (const doc of expired) {
          try {
            if (this.engine.deleteOne(ns, doc._id)) deleted++;
          } catch (error) {
            if (!isMongoCommandError(error)) throw error; // WriteConflict: a transaction holds it; next pass
          }
        }
      });
      this.deletedDocuments += deleted;
      if (deleted === 0 || expired.length < this.#batchDocs) return;
      if (Date.now() - sliceStart >= this.#sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
    }
  }
}
