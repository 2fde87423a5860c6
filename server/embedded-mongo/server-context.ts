/** What every command handler receives, and the shape of a command module. */
import { ObjectId, Timestamp, type Document } from "bson";
import type { CursorManager } from "./cursors";
import type { FailPoints } from "./fail-points";
import type { TtlMonitor } from "./ttl-monitor";
import type { Namespace, StorageEngine, Transaction } from "./engine/types";
import type { Session, SessionManager } from "./sessions";
import type { FieldSpec } from "./command-helpers/fields";

/** Logical clock behind operationTime / $clusterTime: strictly increasing, one tick per write. */
export class LogicalClock {
  #seconds = Math.floor(Date.now() / 1000);
  #increment = 0;

  now(): Timestamp {
    return new Timestamp({ t: this.#seconds, i: Math.max(this.#increment, 1) });
  }

  tick(): Timestamp {
    const seconds = Math.floor(Date.now() / 1000);
    if (seconds > this.#seconds) {
      this.#seconds = seconds;
      this.#increment = 1;
    } else {
      this.#increment++;
    }
    this.lastWriteDate = new Date();
    return this.now();
  }

  lastWriteDate = new Date();
}

export interface ServerContext {
  readonly engine: StorageEngine;
  readonly cursors: CursorManager;
  readonly sessions: SessionManager;
  readonly clock: LogicalClock;
  /** configureFailPoint's state (test commands). */
  readonly failPoints: FailPoints;
  /** The TTL monitor: its parameters (setParameter) and serverStatus.metrics.ttl. */
  readonly ttl: TtlMonitor;
  /** Query parameters `setParameter` changes (MongoDB's query knobs). */
  readonly queryKnobs: QueryKnobs;
  /** "127.0.0.1:<port>", as the replica-set member names itself. */
  readonly hostAndPort: string;
  readonly setName: string;
  readonly processId: ObjectId;
  readonly electionId: ObjectId;
  readonly startedAt: Date;
  /** mongod's enableTestCommands: configureFailPoint and other test-only commands exist only when set. */
  readonly testCommandsEnabled: boolean;
  /** Resolves after `ms`, or at once when the server stops (awaitable hello, write-conflict waits). */
  sleep(ms: number): Promise<void>;
}

export interface QueryKnobs {
  /** Documents one `$densify` may generate (manual: "$densify"; MongoDB's default 500,000). */
  internalQueryMaxAllowedDensifyDocs: number;
}

export interface CommandContext {
  readonly server: ServerContext;
  readonly engine: StorageEngine;
  /** Database the command runs against ($db). */
  readonly db: string;
  readonly connectionId: number;
  readonly session: Session | undefined;
  /** The engine transaction when the command is a statement of a multi-document transaction. */
  readonly txn: Transaction | undefined;
  /** Absolute time (Date.now() scale) after which the command fails with MaxTimeMSExpired. */
  readonly deadline: number | undefined;
}

export interface Command {
  readonly name: string;
  readonly aliases?: readonly string[];
  /**
   * Fields accepted besides the command name and the generic arguments (lsid, $db, writeConcern...).
   * Any other field is rejected as MongoDB's IDL does. Undefined = accept anything.
   */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  readonly adminOnly?: boolean;
  /** A test command (configureFailPoint): unknown unless the server was started with test commands enabled. */
  readonly testOnly?: boolean;
  /** May run as a statement of a multi-document transaction. */
  readonly inTransaction?: boolean;
  /** A retryable write: with a txnNumber outside a transaction its reply is remembered per (lsid, txnNumber). */
  readonly retryableWrite?: boolean;
  /** Writes data: advances the logical clock. */
  readonly writes?: boolean;
  run(cmd: Document, ctx: CommandContext): Document | Promise<Document>;
}

export function ns(db: string, coll: string): Namespace {
  return { db, coll };
}

export function nsString(n: Namespace): string {
  return `${n.db}.${n.coll}`;
}
