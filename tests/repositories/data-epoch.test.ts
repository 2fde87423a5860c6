/**
 * Data epochs (server/repositories/core/data-epoch.ts): every write through a repository gives its
 * organization's data a new epoch — after the data changed, and for a transaction only once it committed —
 * while reads and other organizations' writes leave it alone. What the rendered-page cache relies on.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { DataScope, defineCollection, ensureIndexes } from "../../server/repositories/core";
import { createDataEpochReader, readDataEpochs } from "../../server/repositories/core/data-epoch";
import { alice, openTestDb, type RepositoryTestContext } from "./support";

const notes = defineCollection({
  name: "epochNotes",
  entity: "Note",
  schema: strictObject({ title: z.string().min(1).max(100) }),
  tenantScoped: true,
  filterable: ["title"],
  sortable: [],
  indexes: [],
});
const people = defineCollection({
  name: "epochPeople",
  entity: "Person",
  schema: strictObject({ handle: z.string().min(1), name: z.string().optional() }),
  tenantScoped: false,
  filterable: [],
  sortable: [],
  indexes: [{ name: "handle_unique", key: { handle: 1 }, unique: true }],
});

let ctx: RepositoryTestContext;
const orgA = "org_epochA";
const orgB = "org_epochB";

beforeAll(async () => {
  ctx = await openTestDb("repo-data-epoch");
  await ensureIndexes(ctx.db, [notes, people]);
});
afterAll(() => ctx.close());

const scope = (org: string) => DataScope.forOrganization(ctx.db, org, alice);
const epochs = (org: string) => readDataEpochs(ctx.db, org);

describe("writes renew their organization's epoch", () => {
  test("create, update and delete each give a new epoch; reads and the other organization's writes do not", async () => {
    const notesA = scope(orgA).repository(notes);
    const before = await epochs(orgA);
    const created = await notesA.create({ title: "one" });
    const afterCreate = await epochs(orgA);
    expect(afterCreate.organization).not.toBe(before.organization);

    await notesA.get(created.id);
    await notesA.list();
    await scope(orgB).repository(notes).create({ title: "elsewhere" });
    expect(await epochs(orgA)).toEqual(afterCreate);

    const updated = await notesA.update(created.id, { title: "two" }, { expectedVersion: 1 });
    const afterUpdate = await epochs(orgA);
    expect(afterUpdate.organization).not.toBe(afterCreate.organization);

    await notesA.delete(updated.id);
    expect((await epochs(orgA)).organization).not.toBe(afterUpdate.organization);
  });

  test("a transaction's writes renew the epoch once it committed, not before", async () => {
    const before = await epochs(orgA);
    await scope(orgA).transaction(async (tx) => {
      await tx.repository(notes).create({ title: "in a transaction" });
      // Someone reading now must not see a new epoch with the old data (the commit has not happened).
      expect(await epochs(orgA)).toEqual(before);
    });
    expect((await epochs(orgA)).organization).not.toBe(before.organization);
  });

  test("writes to global collections renew the global epoch every organization's key includes", async () => {
    const before = await epochs(orgA);
    await DataScope.global(ctx.db, alice).repository(people).upsertIdentity("handle", "alice", { handle: "alice", name: "Alice" });
    const after = await epochs(orgA);
    expect(after.global).not.toBe(before.global);
    expect(after.organization).toBe(before.organization);
  });
});

describe("the batching reader", () => {
  test("concurrent requests for several organizations each get their own organization's epoch", async () => {
    await scope(orgB).repository(notes).create({ title: "b again" });
    const read = createDataEpochReader(ctx.db);
    const expected = { [orgA]: await epochs(orgA), [orgB]: await epochs(orgB) };
    const asked = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? orgA : orgB));
    const answers = await Promise.all(asked.map((org) => read(org)));
    answers.forEach((answer, i) => expect(answer).toEqual(expected[asked[i]!]!));
  });

  test("a request made after a write sees its epoch, even while an earlier read is still in flight", async () => {
    const read = createDataEpochReader(ctx.db);
    for (let round = 0; round < 10; round++) {
      const earlier = read(orgA);
      await scope(orgA).repository(notes).create({ title: `round ${round}` });
      const written = await epochs(orgA);
      const later = await read(orgA);
      expect(later).toEqual(written);
      await earlier;
    }
  });
});
