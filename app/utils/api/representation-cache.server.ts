/**
 * The JSON of versioned records, by organization, record and version, per server process. Why: reading a whole
 * report and serialising it is most of `GET /reports/{id}`'s cost, while its version alone is a ~30-byte read.
 * Sound because a version names exactly one representation — the API promises it (ETag = version, ADR 0060)
 * and every write of a record, migrations included, gives it a new version. Each use checks the stored
 * version first, so an entry can only be served while it is current, on any instance. ADR 0028.
 */
const MAX_ENTRIES = 512;
/** Larger bodies are not kept: the cache is for the common case, not a second copy of the database. */
const MAX_BODY_CHARS = 256 * 1024;

export interface RepresentationCache {
  /** The JSON stored for this version, or undefined. */
  get(key: string, version: number): string | undefined;
  set(key: string, version: number, json: string): void;
}

export function createRepresentationCache(maxEntries = MAX_ENTRIES): RepresentationCache {
  const entries = new Map<string, { version: number; json: string }>();
  return {
    get(key, version) {
      const entry = entries.get(key);
      if (!entry || entry.version !== version) return undefined;
      // Most recently used last, so eviction takes the least recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry.json;
    },
    set(key, version, json) {
      if (json.length > MAX_BODY_CHARS) return;
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { version, json });
    },
  };
}
