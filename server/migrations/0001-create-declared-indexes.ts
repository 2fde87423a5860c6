/**
 * Creates every collection the repositories declare, with its indexes. Repeatable: its checksum is the
 * declarations themselves, so declaring a new collection or index makes the next `db:migrate` run it again
 * (createIndexes is a no-op for indexes that already exist with the same options).
 */
import { allCollections } from "../repositories/index";
import { ensureIndexes } from "../repositories/core/indexes";
import type { CollectionDefinition } from "../repositories/core/define-collection";
import type { Migration } from "./types";

/** The declarations as data, in a stable order, for the checksum. */
export function indexDeclarations(collections: readonly CollectionDefinition[]): string {
  return JSON.stringify(
    collections.map((collection) => ({
      collection: collection.name,
      indexes: collection.indexes.map((index) => ({
        name: index.name,
        key: Object.entries(index.key),
        unique: index.unique ?? false,
        partialFilterExpression: index.partialFilterExpression ?? null,
        // Only when set, so declarations without a TTL keep the checksum they had.
        ...(index.expireAfterSeconds === undefined ? {} : { expireAfterSeconds: index.expireAfterSeconds }),
      })),
    })),
  );
}

export function createDeclaredIndexesMigration(collections: readonly CollectionDefinition[]): Migration {
  return {
    id: "0001-create-declared-indexes",
    description: "Create the declared collections and their indexes",
    repeatable: true,
    checksum: indexDeclarations(collections),
    async up(db, context) {
      const created = await ensureIndexes(db, collections);
      context.log(`${collections.length} collections, ${created.length} indexes in place`);
    },
  };
}

export const createDeclaredIndexes = createDeclaredIndexesMigration(allCollections);
