/** find's projection (also findAndModify's `fields`), through mingo with MongoDB's rules. */
import type { Document } from "bson";
import { Query } from "mingo/query";
import { mingoOptions, translateMingoError } from "../query/match";
import { escapeDocument, escapeSpec, mentionsPrototypeNames, unescapeDocument } from "../query/prototype-names";

export function project(docs: Document[], projection: Document, variables?: Document, filter?: Document): Document[] {
  if (mentionsPrototypeNames(projection) || mentionsPrototypeNames(filter)) {
    // See prototype-names.ts: projected on escaped copies so no path resolves to an inherited property.
    const escapedFilter = filter === undefined ? undefined : escapeSpec(filter);
    return projectDocs(docs.map(escapeDocument), escapeSpec(projection), variables, escapedFilter).map(unescapeDocument);
  }
  return projectDocs(docs, projection, variables, filter);
}

function projectDocs(docs: Document[], projection: Document, variables?: Document, filter?: Document): Document[] {
  // The positional projection (`"a.$": 1`) needs the filter that selected the array element.
  const positional = Object.keys(projection).some((key) => key.endsWith(".$"));
  try {
    return new Query(positional && filter ? filter : {}, mingoOptions({ let: variables })).find(docs, projection).all() as Document[];
  } catch (error) {
    throw translateMingoError(error);
  }
}
