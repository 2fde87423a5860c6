import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { DataScope, defineCollection, ensureIndexes } from "../../server/repositories/core";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../server/repositories/errors";
import { alice, bob, mallory, openTestDb, type RepositoryTestContext } from "./support";

const noteFields = {
  title: z.string().min(1).max(100),
  year: z.number().int(),
  tags: z.array(z.string()).optional(),
  body: z.object({ text: z.string() }).optional(),
};

const notes = defineCollection({
  name: "notes",
  entity: "Note",
  schema: strictObject(noteFields),
  tenantScoped: true,
  filterable: ["title", "year"],
  sortable: ["year", "title"],
  indexes: [{ name: "organizationId_title_unique", key: { organizationId: 1, title: 1 }, unique: true }],
});

let ctx: RepositoryTestContext;
const orgA = "org_A";
const orgB = "org_B";

beforeAll(async () => {
  ctx = await openTestDb("repo-core");
  await ensureIndexes(ctx.db, [notes]);
});
afterAll(() => ctx.close());

const repo = (org: string, actor: { userId: string; role?: string } = alice) =>
  DataScope.forOrganization(ctx.db, org, actor).repository(notes);

describe("create and read", () => {
  test("create returns what it stored, with meta fields set by the server", async () => {
    const created = await repo(orgA).create({ title: "First", year: 2024, tags: ["a"] });
    expect(created).toMatchObject({ title: "First", year: 2024, tags: ["a"], organizationId: orgA, version: 1 });
    expect(created.createdBy).toBe(alice.userId);
    expect(created.updatedBy).toBe(alice.userId);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await repo(orgA).get(created.id)).toEqual(created);
  });

  test("unknown fields, server-owned fields and operators are rejected before reaching the database", async () => {
    const attempts: unknown[] = [
      { title: "x", year: 2024, extra: 1 },
      { title: "x", year: 2024, organizationId: orgB },
      { title: "x", year: 2024, version: 7 },
      { title: { $ne: null }, year: 2024 },
      { title: "x", year: 2024, "body.text": "dotted" },
      { title: "x", year: 2024, body: { text: "t", $where: "1" } },
      JSON.parse('{"title":"x","year":2024,"__proto__":{"admin":true}}'),
    ];
    for (const input of attempts) {
      await expect(repo(orgA).create(input as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await repo(orgA).count({ title: "x" })).toBe(0);
  });

  test("validation errors carry the offending field path", async () => {
    const error = await repo(orgA)
      .create({ title: "", year: 2024.5 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((issue) => issue.path.join("."));
    expect(paths).toContain("title");
    expect(paths).toContain("year");
  });

  test("a unique index surfaces as a ConflictError naming the duplicated field", async () => {
    await repo(orgA).create({ title: "Unique", year: 2024 });
    const error = await repo(orgA)
      .create({ title: "Unique", year: 2025 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({ kind: "duplicate", fields: ["title"] });
    expect((error as Error).message).toContain("title");
    // the same title in another organization is fine: uniqueness is per organization
    await expect(repo(orgB).create({ title: "Unique", year: 2024 })).resolves.toMatchObject({ organizationId: orgB });
  });
});

describe("tenant isolation", () => {
  test("a missing, empty, non-string or non-Clerk organization id is refused before any query", () => {
    const notClerkIds = ["acme-corp", "org_", "org_a-b", `org_${"x".repeat(65)}`];
    for (const organizationId of [undefined, null, "", "   ", 42, { $ne: "x" }, ["org_A"], "org_A.x", "$where", ...notClerkIds]) {
      expect(() => DataScope.forOrganization(ctx.db, organizationId, alice)).toThrow(ForbiddenError);
    }
  });

  test("organization A cannot read, list, update or delete B's records", async () => {
    const secret = await repo(orgB, mallory).create({ title: "B secret", year: 2023 });
    const a = repo(orgA);
    expect(await a.find(secret.id)).toBeNull();
    await expect(a.get(secret.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(a.update(secret.id, { title: "pwned" }, { expectedVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(a.delete(secret.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await a.list({ where: { title: "B secret" } })).items).toEqual([]);
    expect(await a.findOne({ id: secret.id })).toBeNull();
    expect(await repo(orgB).get(secret.id)).toMatchObject({ title: "B secret", version: 1 });
  });

  test("injected filters cannot widen the tenant condition", async () => {
    const a = repo(orgA);
    const injected: unknown[] = [
      { organizationId: orgB },
      { organizationId: { $ne: orgA } },
      { title: { $ne: null } },
      { $where: "true" },
      { $or: [{ organizationId: orgB }] },
      { "organizationId.x": 1 },
      { title: { ne: null, $or: [] } },
      { year: { gt: { $gt: 0 } } },
      JSON.parse('{"__proto__":{"organizationId":"org_B"}}'),
      { title: ["B secret"] },
    ];
    for (const where of injected) {
      await expect(a.list({ where: where as never })).rejects.toBeInstanceOf(ValidationError);
      await expect(a.count(where as never)).rejects.toBeInstanceOf(ValidationError);
    }
    // allowed comparisons still stay inside the organization
    const everything = await a.list({ where: { title: { ne: "nothing" } }, limit: 200 });
    expect(everything.items.length).toBeGreaterThan(0);
    expect(everything.items.every((item) => item.organizationId === orgA)).toBe(true);
  });

  test("ids that are not ObjectIds find nothing instead of failing or matching widely", async () => {
    const a = repo(orgA);
    expect(await a.find('{"$ne":null}')).toBeNull();
    expect(await a.findOne({ id: "not-an-id" })).toBeNull();
  });
});

describe("updates and optimistic concurrency", () => {
  test("update changes the given fields, bumps the version and records who changed it", async () => {
    const created = await repo(orgA).create({ title: "Draft", year: 2024, tags: ["x"] });
    const updated = await repo(orgA, bob).update(created.id, { year: 2025 }, { expectedVersion: 1 });
    expect(updated).toMatchObject({ title: "Draft", year: 2025, tags: ["x"], version: 2, updatedBy: bob.userId });
    expect(updated.createdBy).toBe(alice.userId);
    expect(updated.createdAt).toEqual(created.createdAt);
    expect(await repo(orgA).get(created.id)).toEqual(updated);
  });

  test("a stale update fails with ConflictError and overwrites nothing", async () => {
    const created = await repo(orgA).create({ title: "Stale", year: 2024 });
    await repo(orgA).update(created.id, { year: 2025 }, { expectedVersion: 1 });
    const error = await repo(orgA)
      .update(created.id, { year: 1999 }, { expectedVersion: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({ kind: "version", expectedVersion: 1, currentVersion: 2 });
    expect(await repo(orgA).get(created.id)).toMatchObject({ year: 2025, version: 2 });
  });

  test("of two concurrent updates at the same version, one wins and the other gets a conflict", async () => {
    const created = await repo(orgA).create({ title: "Race", year: 2024 });
    const results = await Promise.allSettled(
      [2030, 2031, 2032, 2033].map((year) => repo(orgA).update(created.id, { year }, { expectedVersion: 1 })),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.every((result) => result.status === "rejected" && result.reason instanceof ConflictError)).toBe(true);
    const stored = await repo(orgA).get(created.id);
    expect(stored.version).toBe(2);
    expect(stored.year).toBe((won[0] as PromiseFulfilledResult<{ year: number }>).value.year);
  });

  test("patches with unknown or server-owned fields are rejected", async () => {
    const created = await repo(orgA).create({ title: "Patch", year: 2024 });
    for (const patch of [{ organizationId: orgB }, { version: 9 }, { nope: 1 }, { $set: { title: "x" } }]) {
      await expect(repo(orgA).update(created.id, patch as never, { expectedVersion: 1 })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    expect(await repo(orgA).get(created.id)).toMatchObject({ organizationId: orgA, version: 1, title: "Patch" });
  });

  test("delete returns the deleted record and honours expectedVersion", async () => {
    const created = await repo(orgA).create({ title: "Delete me", year: 2024 });
    await expect(repo(orgA).delete(created.id, { expectedVersion: 3 })).rejects.toBeInstanceOf(ConflictError);
    const deleted = await repo(orgA).delete(created.id, { expectedVersion: 1 });
    expect(deleted).toMatchObject({ id: created.id, title: "Delete me" });
    expect(await repo(orgA).find(created.id)).toBeNull();
  });
});

describe("list with cursor pagination", () => {
  const org = "org_paging";
  beforeAll(async () => {
    for (let index = 0; index < 23; index++) {
      await repo(org).create({ title: `Note ${String(index).padStart(2, "0")}`, year: 2000 + (index % 5) });
    }
  });

  test("pages cover every record exactly once, in order, for each sort", async () => {
    for (const sort of [
      { field: "year", direction: "asc" },
      { field: "year", direction: "desc" },
      { field: "title", direction: "asc" },
      { field: "createdAt", direction: "desc" },
      { field: "id", direction: "asc" },
    ] as const) {
      const seen: { id: string; year: number; title: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await repo(org).list({ sort, limit: 5, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      expect(new Set(seen.map((item) => item.id)).size).toBe(23);
      if (sort.field === "year") {
        const years = seen.map((item) => item.year);
        const sorted = [...years].sort((a, b) => (sort.direction === "asc" ? a - b : b - a));
        expect(years).toEqual(sorted);
      }
      if (sort.field === "title") expect(seen.map((item) => item.title)).toEqual(seen.map((item) => item.title).sort());
    }
  });

  test("filters combine with pagination", async () => {
    const page = await repo(org).list({ where: { year: { in: [2001, 2003] } }, sort: { field: "title", direction: "asc" } });
    expect(page.items.map((item) => item.year).every((year) => year === 2001 || year === 2003)).toBe(true);
    expect(page.items).toHaveLength(9); // years 2001 (5 notes) and 2003 (4 notes) of 23
    expect(page.nextCursor).toBeNull();
  });

  test("a cursor from another sort or a forged cursor is refused", async () => {
    const first = await repo(org).list({ sort: { field: "year", direction: "asc" }, limit: 5 });
    await expect(
      repo(org).list({ sort: { field: "title", direction: "asc" }, cursor: first.nextCursor }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(repo(org).list({ cursor: "eyJmIjoiJHdoZXJlIn0" })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo(org).list({ limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo(org).list({ sort: { field: "organizationId", direction: "asc" } as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe("transactions", () => {
  test("a transaction that fails half-way leaves nothing behind", async () => {
    const scope = DataScope.forOrganization(ctx.db, orgA, alice);
    const before = await scope.repository(notes).count();
    await expect(
      scope.transaction(async (tx) => {
        await tx.repository(notes).create({ title: "Tx one", year: 2024 });
        await tx.repository(notes).create({ title: "Tx two", year: 2024 });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await scope.repository(notes).count()).toBe(before);
    expect(await scope.repository(notes).findOne({ title: "Tx one" })).toBeNull();
  });

  test("a failing write inside a transaction rolls back the earlier writes", async () => {
    const scope = DataScope.forOrganization(ctx.db, orgA, alice);
    await scope.repository(notes).create({ title: "Taken", year: 2024 });
    await expect(
      scope.transaction(async (tx) => {
        await tx.repository(notes).create({ title: "Before duplicate", year: 2024 });
        await tx.repository(notes).create({ title: "Taken", year: 2024 });
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await scope.repository(notes).findOne({ title: "Before duplicate" })).toBeNull();
  });

  test("a committed transaction returns its result and keeps every write", async () => {
    const scope = DataScope.forOrganization(ctx.db, orgA, alice);
    const ids = await scope.transaction(async (tx) => {
      const one = await tx.repository(notes).create({ title: "Commit one", year: 2024 });
      const two = await tx.repository(notes).update(one.id, { year: 2026 }, { expectedVersion: 1 });
      return [one.id, two.version];
    });
    expect(ids[1]).toBe(2);
    expect(await scope.repository(notes).get(String(ids[0]))).toMatchObject({ year: 2026, version: 2 });
  });
});
