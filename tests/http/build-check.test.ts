/** `npm start` refuses a development build or one whose browser assets are gone, saying what to run. */
import { expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProblem } from "../../server/http/build-check";

const assetsDir = mkdtempSync(join(tmpdir(), "vsme-build-check-"));
writeFileSync(join(assetsDir, "manifest-PRESENT00.js"), "window.__remixManifest={}");
const paths = { dir: "build", assetsDir };

test("a development build (left by npm run dev) is refused with the command to run", () => {
  expect(buildProblem({ mode: "development", assets: { url: "/build/manifest-PRESENT00.js" } }, paths)).toBe(
    "build/ holds a development build (left by npm run dev); run `npm run build` before `npm start`",
  );
});

test("a production build whose assets were replaced by another build is refused", () => {
  expect(buildProblem({ mode: "production", assets: { url: "/build/manifest-GONE0000.js" } }, paths)).toBe(
    "the browser assets of this build (/build/manifest-GONE0000.js) are missing; run `npm run build` before `npm start`",
  );
});

test("a production build with its assets in place is served", () => {
  expect(buildProblem({ mode: "production", assets: { url: "/build/manifest-PRESENT00.js" } }, paths)).toBeUndefined();
});
