/**
 * Creates each declared collection and its indexes. Idempotent: creating an index that exists with the same
 * key and options is a no-op, so `db:migrate` can run it on every deployment and from two processes at once.
 */
import type { Db } from "mongodb";
import type { CollectionDefinition } from "./define-collection";

export async function ensureIndexes(db: Db, definitions: readonly CollectionDefinition[]): Promise<string[]> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((info) => info.name));
  const created: string[] = [];
  for (const definition of definitions) {
    if (!existing.has(definition.name)) {
      // Collections are created up front so the first write inside a transaction never has to create one.
      await db.createCollection(definition.name).catch((error: { code?: number }) => {
        if (error.code !== 48) throw error; // NamespaceExists: another process was first
      });
    }
    if (definition.indexes.length === 0) continue;
    const names = await db.collection(definition.name).createIndexes(
      definition.indexes.map((index) => ({
        name: index.name,
        key: index.key as Record<string, 1 | -1>,
        unique: index.unique,
        ...(index.partialFilterExpression ? { partialFilterExpression: index.partialFilterExpression } : {}),
        ...(index.expireAfterSeconds === undefined ? {} : { expireAfterSeconds: index.expireAfterSeconds }),
      })),
    );
    created.push(...names.map((name) => `${definition.name}.${name}`));
  }
  return created;
}
