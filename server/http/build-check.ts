/**
 * What `npm start` checks before serving a Remix build: it must be a production build, and the browser assets
 * it links to must be there. `npm run dev` leaves a development build behind, and its assets are replaced by
 * the next build — serving either gives unstyled pages without scripts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BuildPaths } from "./build-paths";

export interface BuildFacts {
  mode?: string;
  assets?: { url?: string };
}

/** A one-line reason the build cannot be served, or undefined when it can. */
export function buildProblem(build: BuildFacts, paths: Pick<BuildPaths, "dir" | "assetsDir">): string | undefined {
  if (build.mode !== "production") {
    return `${paths.dir}/ holds a ${build.mode ?? "unknown"} build (left by npm run dev); run \`npm run build\` before \`npm start\``;
  }
  const manifest = build.assets?.url;
  if (!manifest?.startsWith("/build/") || !existsSync(join(paths.assetsDir, manifest.slice("/build/".length)))) {
    return `the browser assets of this build (${manifest ?? "no manifest"}) are missing; run \`npm run build\` before \`npm start\``;
  }
  return undefined;
}
