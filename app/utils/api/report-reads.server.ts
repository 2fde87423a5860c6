/** The report reads of the API (one report, pages of the list), kept while the organization's data is unchanged. */
import { createRepresentationCache } from "./representation-cache.server";

export const reportReads = createRepresentationCache();
