/**
 * API reads answered from JSON kept per server process, by organization and request, while the organization's
 * data is unchanged. Why: reading a whole report (or a page of reports) and serialising it was most of a read's
 * cost, while the organization's data epochs are one tiny read, shared by the requests that wait for it at the
 * same time (server/repositories/core/data-epoch.ts). Sound because the epochs are read before the data and
 * the repository layer renews them after every write (migrations renew the global one), so an entry is only
 * served while nothing it was computed from has changed, on any instance. ADR 0028.
 */
import type { DataEpochs, TenantRepositories } from "../../../server/repositories";
import type { ApiReply } from "../api.server";

const MAX_ENTRIES = 512;
/** Larger bodies are not kept: the cache is for the common case, not a second copy of the database. */
const MAX_BODY_CHARS = 256 * 1024;

interface Entry {
  epochs: string;
  json: string;
  version: number | undefined;
  next: string | null | undefined;
}

export interface RepresentationCache {
  /**
   * The reply of `read` for `key` in this organization: kept from an earlier call while the organization's data
   * epochs are the same, else read (after the epochs) and kept.
   */
  read<Body>(repos: TenantRepositories, key: string, read: () => Promise<ApiReply<Body>>): Promise<ApiReply<Body>>;
}

export function createRepresentationCache(maxEntries = MAX_ENTRIES): RepresentationCache {
  const entries = new Map<string, Entry>();
  const epochsKey = (epochs: DataEpochs) => `${epochs.organization}:${epochs.global}`;
  return {
    async read<Body>(repos: TenantRepositories, key: string, read: () => Promise<ApiReply<Body>>): Promise<ApiReply<Body>> {
      const fullKey = `${repos.organizationId}:${key}`;
      const epochs = epochsKey(await repos.dataEpochs());
      const entry = entries.get(fullKey);
      if (entry && entry.epochs === epochs) {
        // Most recently used last, so eviction takes the least recently used.
        entries.delete(fullKey);
        entries.set(fullKey, entry);
        return { body: undefined as Body, json: entry.json, version: entry.version, next: entry.next };
      }
      const reply = await read();
      if (reply.status !== undefined && reply.status !== 200) return reply;
      const json = reply.json ?? JSON.stringify(reply.body);
      if (json.length <= MAX_BODY_CHARS) {
        entries.delete(fullKey);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        const next = (reply.body as { next?: string | null } | undefined)?.next;
        entries.set(fullKey, { epochs, json, version: reply.version, next });
      }
      return { ...reply, json };
    },
  };
}
