/**
 * The entity map of a unified test: clients (with command monitoring), databases, collections, sessions.
 * Events are recorded per client in the order the driver emits them.
 */
import type { Document } from "bson";
import {
  MongoClient,
  type ClientSession,
  type Collection,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
} from "mongodb";

export interface RecordedEvent {
  readonly type: "commandStartedEvent" | "commandSucceededEvent" | "commandFailedEvent";
  readonly event: CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent;
}

export interface ClientEntity {
  readonly client: MongoClient;
  readonly events: RecordedEvent[];
}

/** Commands the format says are never captured (auth handshakes, the runner's own fail points). */
const SENSITIVE = new Set(["authenticate", "saslstart", "saslcontinue", "getnonce", "createuser", "updateuser", "copydbgetnonce", "copydbsaslstart", "copydb"]);
const ALWAYS_IGNORED = new Set(["configurefailpoint"]);

export class Entities {
  readonly #map = new Map<string, unknown>();
  readonly #lsids = new Map<string, Document>();
  constructor(private readonly uri: string) {}

  get(id: string): unknown {
    if (!this.#map.has(id)) throw new Error(`unknown entity ${id}`);
    return this.#map.get(id);
  }
  client(id: string): ClientEntity {
    return this.get(id) as ClientEntity;
  }
  db(id: string): Db {
    return this.get(id) as Db;
  }
  collection(id: string): Collection {
    return this.get(id) as Collection;
  }
  session(id: string): ClientSession {
    return this.get(id) as ClientSession;
  }
  set(id: string, value: unknown): void {
    this.#map.set(id, value);
  }
  lsid(id: string): Document | undefined {
    return this.#lsids.get(id);
  }
  has(id: string): boolean {
    return this.#map.has(id);
  }
  /** Which kind of entity `value` is, for dispatching operations. */
  kindOf(id: string): "client" | "database" | "collection" | "session" | "other" {
    const value = this.get(id);
    if (value && typeof value === "object" && "events" in value && "client" in value) return "client";
    if (value && typeof value === "object" && "collectionName" in value && "dbName" in value) return "collection";
    if (value && typeof value === "object" && "databaseName" in value && "collection" in value) return "database";
    if (value && typeof value === "object" && "endSession" in value) return "session";
    return "other";
  }

  async create(spec: Document): Promise<void> {
    const [kind, body] = Object.entries(spec)[0] as [string, Document];
    const id = body.id as string;
    switch (kind) {
      case "client": {
        const uriOptions: Document = { ...(body.uriOptions ?? {}) };
        delete uriOptions.appname;
        const client = new MongoClient(this.uri, {
          monitorCommands: true,
          serverSelectionTimeoutMS: 5000,
          ...uriOptions,
          ...(body.uriOptions?.appname ? { appName: body.uriOptions.appname } : {}),
        });
        const events: RecordedEvent[] = [];
        const observe = new Set<string>(body.observeEvents ?? []);
        const ignore = new Set<string>((body.ignoreCommandMonitoringEvents ?? []).map((n: string) => n.toLowerCase()));
        const keep = (name: string) => {
          const lower = name.toLowerCase();
          if (ignore.has(lower) || ALWAYS_IGNORED.has(lower)) return false;
          if (!body.observeSensitiveCommands && SENSITIVE.has(lower)) return false;
          return true;
        };
        for (const type of ["commandStartedEvent", "commandSucceededEvent", "commandFailedEvent"] as const) {
          if (!observe.has(type)) continue;
          const driverName = type.replace(/Event$/, "");
          client.on(driverName as "commandStarted", (event: RecordedEvent["event"]) => {
            if (keep(event.commandName)) events.push({ type, event });
          });
        }
        await client.connect();
        this.#map.set(id, { client, events } satisfies ClientEntity);
        return;
      }
      case "database": {
        const { client } = this.client(body.client);
        this.#map.set(id, client.db(body.databaseName, body.databaseOptions));
        return;
      }
      case "collection": {
        const db = this.db(body.database);
        this.#map.set(id, db.collection(body.collectionName, body.collectionOptions));
        return;
      }
      case "session": {
        const { client } = this.client(body.client);
        const options = { ...(body.sessionOptions ?? {}) };
        const session = client.startSession(options);
        this.#map.set(id, session);
        this.#lsids.set(id, session.id as Document);
        return;
      }
      default:
        throw new SkipTest(`entity type ${kind} not supported by this runner`);
    }
  }

  async close(): Promise<void> {
    for (const value of this.#map.values()) {
      if (value && typeof value === "object" && "events" in value && "client" in value) {
        await (value as ClientEntity).client.close(true).catch(() => undefined);
      }
    }
    this.#map.clear();
  }
}

/** Thrown when a test needs something this runner deliberately leaves out; it counts as skipped. */
export class SkipTest extends Error {}
