/**
 * Runs after `remix build` (npm run build): prints the browser JavaScript of the build just made — the
 * largest chunk first, raw and gzipped — so a change that drags a server-sized module into the browser shows
 * in the build output. Only the files this build's manifest names count (public/build keeps older builds'
 * files too). The budget and its benchmark line belong to bench/.
 */
import { gzipSync } from "bun";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildPaths } from "../server/http/build-paths";

export interface ChunkSize {
  url: string;
  bytes: number;
  gzipBytes: number;
}

interface BrowserManifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}

/** The browser chunks of the build whose server bundle is at `serverBuild`, largest (gzipped) first. */
export function browserChunks(paths: { serverBuild: string; assetsDir: string } = buildPaths()): ChunkSize[] {
  const manifestUrl = /\/build\/(manifest-[A-Z0-9]+\.js)/.exec(readFileSync(paths.serverBuild, "utf8"))?.[1];
  if (!manifestUrl) throw new Error(`no browser manifest named in ${paths.serverBuild}`);
  const text = readFileSync(join(paths.assetsDir, manifestUrl), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as BrowserManifest;
  const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const route of Object.values(manifest.routes)) for (const url of [route.module, ...(route.imports ?? [])]) urls.add(url);
  return [...urls]
    .map((url) => {
      const file = join(paths.assetsDir, url.replace(/^\/build\//, ""));
      return { url, bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file)).byteLength };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || b.bytes - a.bytes);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.main) {
  const chunks = browserChunks();
  const largest = chunks[0];
  const total = chunks.reduce((sum, chunk) => ({ bytes: sum.bytes + chunk.bytes, gzip: sum.gzip + chunk.gzipBytes }), { bytes: 0, gzip: 0 });
  console.log(`browser JavaScript: ${chunks.length} files, ${kb(total.bytes)} (${kb(total.gzip)} gzipped); largest:`);
  for (const chunk of chunks.slice(0, 5)) console.log(`  ${kb(chunk.gzipBytes).padStart(9)} gzipped  ${kb(chunk.bytes).padStart(9)}  ${chunk.url}`);
  if (largest) console.log(`largest browser chunk: ${largest.url} ${kb(largest.bytes)} (${kb(largest.gzipBytes)} gzipped)`);
}
