/** find's projection (also findAndModify's `fields`), through mingo with MongoDB's rules. */
import type { Document } from "bson";
import { Query } from "mingo/query";
import { mingoOptions, translateMingoError } from "../query/match";

export function project(docs: Document[], projection: Document, variables?: Document, filter?: Document): Document[] {
  // The positional projection (`"a.$": 1`) needs the filter that selected the array element.
  const positional = Object.keys(projection).some((key) => key.endsWith(".$"));
  try {
    return new Query(positional && filter ? filter : {}, mingoOptions({ let: variables })).find(docs, projection).all() as Document[];
  } catch (error) {
    throw translateMingoError(error);
  }
}
