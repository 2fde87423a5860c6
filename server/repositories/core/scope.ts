/**
 * Where repositories come from: a scope fixes the organization (or none, for global collections), the actor
 * and, inside `transaction`, the session. Concrete repository sets are built on a scope, so the same code
 * gives the transactional set to `transaction(async tx => …)`.
 */
import type { ClientSession, Db } from "mongodb";
import { z } from "zod";
import { ClerkOrganizationIdSchema } from "../../../schemas/common";
import { ForbiddenError, ValidationError } from "../errors";
import type { CollectionDefinition } from "./define-collection";
import { translateDriverError } from "./driver-errors";
import { bumpDataEpoch } from "./data-epoch";
import { Repository, type Actor, type RepositoryHooks } from "./repository";

/**
 * Clerk organization ids look like `org_2abc…`; anything else (including operators) is refused. The same
 * schema the stored documents' `organizationId` is validated with, so a scope can never be opened on an id
 * that no record could carry.
 */
export const organizationIdSchema = ClerkOrganizationIdSchema;

const actorSchema = z.object({
  userId: z.string().min(1).max(200),
  role: z.string().min(1).max(100).optional(),
});

export interface ScopeOptions {
  /** Server-side time limit for reads (maxTimeMS); default 15 s. */
  maxTimeMS?: number;
}

const defaultMaxTimeMS = 15_000;

export class DataScope {
  private constructor(
    readonly db: Db,
    readonly organizationId: string | undefined,
    readonly actor: Actor,
    readonly session: ClientSession | undefined,
    private readonly options: ScopeOptions,
    /** Inside a transaction: set by its writes, so the epoch is renewed once, after the commit. */
    private readonly writtenInTransaction?: { value: boolean },
  ) {}

  /**
   * The scope of one organization. Refuses — before any query can run — an organization id that is missing,
   * empty or not a plain id: a user without an active organization must never become a filter on
   * `undefined`/`null` (which the driver would turn into "every tenant" or "no tenant").
   */
  static forOrganization(db: Db, organizationId: unknown, actor: unknown, options: ScopeOptions = {}): DataScope {
    const parsedOrganization = organizationIdSchema.safeParse(organizationId);
    if (!parsedOrganization.success) {
      throw new ForbiddenError("An active organization is required for this action");
    }
    return new DataScope(db, parsedOrganization.data, parseActor(actor), undefined, options);
  }

  /** For collections that belong to no organization (reference snapshots). */
  static global(db: Db, actor: unknown, options: ScopeOptions = {}): DataScope {
    return new DataScope(db, undefined, parseActor(actor), undefined, options);
  }

  get inTransaction(): boolean {
    return this.session !== undefined;
  }

  repository<D extends CollectionDefinition>(definition: D, hooks?: RepositoryHooks<D>): Repository<D> {
    return new Repository(
      definition,
      {
        db: this.db,
        actor: this.actor,
        organizationId: this.organizationId,
        session: this.session,
        maxTimeMS: this.options.maxTimeMS ?? defaultMaxTimeMS,
        afterWrite: () => this.afterWrite(),
      },
      hooks,
    );
  }

  /**
   * Every write renews the data epoch of this scope's organization (or the global one), after the data changed
   * (core/data-epoch.ts explains why that order makes cached pages safe). In a transaction, after the commit.
   */
  private async afterWrite(): Promise<void> {
    if (this.writtenInTransaction) {
      this.writtenInTransaction.value = true;
      return;
    }
    await bumpDataEpoch(this.db, this.organizationId);
  }

  /**
   * Runs `work` in one transaction (the driver's `withTransaction`: retried on transient errors, committed
   * when `work` resolves, aborted when it throws). Inside, the scope — and every repository built on it — is
   * bound to the session. Nested calls join the outer transaction.
   */
  async transaction<T>(work: (tx: DataScope) => Promise<T>): Promise<T> {
    if (this.session) return work(this);
    let session: ClientSession;
    try {
      session = this.db.client.startSession();
    } catch (error) {
      throw translateDriverError(error, "Transaction", []);
    }
    const written = { value: false };
    const bound = new DataScope(this.db, this.organizationId, this.actor, session, this.options, written);
    let result: T;
    try {
      result = await session.withTransaction(() => work(bound), {
        readConcern: { level: "snapshot" },
        writeConcern: { w: "majority" },
      });
    } catch (error) {
      // A commit whose outcome is unknown may have been applied: renew the epoch anyway (best effort).
      if (written.value) await bumpDataEpoch(this.db, this.organizationId).catch(() => undefined);
      // Errors from repositories are already translated; what remains are commit/abort failures.
      throw translateDriverError(error, "Transaction", []);
    } finally {
      await session.endSession().catch(() => undefined);
    }
    if (written.value) {
      try {
        await bumpDataEpoch(this.db, this.organizationId);
      } catch (error) {
        throw translateDriverError(error, "Transaction", []);
      }
    }
    return result;
  }
}

function parseActor(actor: unknown): Actor {
  const parsed = actorSchema.safeParse(actor);
  if (!parsed.success) throw new ValidationError("The acting user is not valid", []);
  return parsed.data;
}
