/** Filtering helper shared by listDatabases / listCollections. */
import type { Document } from "bson";
import { compileFilter } from "../query/match";

export function filterBy<T extends Document>(items: T[], filter: unknown): T[] {
  if (!filter || typeof filter !== "object" || Object.keys(filter).length === 0) return items;
  const matches = compileFilter(filter as Document);
  return items.filter((item) => matches(item));
}
