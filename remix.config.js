/**
 * Remix v2, classic compiler. The server build is an ES module that our Bun server imports
 * (server/http/main.ts); see docs/decisions/0002-bun-serve-with-remix-request-handler.md.
 * VSME_BUILD_DIR=build-test (the tests, scripts/e2e.ts) builds into a folder of its own, so a test run never
 * replaces the bundle `npm run dev` serves. Same rule as server/http/build-paths.ts.
 */
const buildDir = process.env.VSME_BUILD_DIR?.trim() || "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: "app",
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: buildDir === "build" ? "public/build" : `${buildDir}/assets`,
  publicPath: "/build/",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.*", "**/*.spec.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
