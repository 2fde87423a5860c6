/**
 * What `npm start` checks before serving a Remix build: it must be a production build, and the browser assets
 * it links to must be there. `npm run dev` leaves a development build behind, and its assets are replaced by
 * the next build — serving either gives unstyled pages without scripts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export interface BuildFacts {
  mode?: string;
  assets?: { url?: string };
}

/** A one-line reason the build cannot be served, or undefined when it can. */
export function buildProblem(build: BuildFacts, publicDir: string): string | undefined {
  if (build.mode !== "production") {
    return `build/ holds a ${build.mode ?? "unknown"} build (left by npm run dev); run \`npm run build\` before \`npm start\``;
  }
  const manifest = build.assets?.url;
  if (!manifest || !existsSync(join(publicDir, manifest))) {
    return `the browser assets of this build (${manifest ?? "no manifest"}) are missing from public/; run \`npm run build\` before \`npm start\``;
  }
  return undefined;
}
