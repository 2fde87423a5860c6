/** `npm start` refuses a development build or one whose browser assets are gone, saying what to run. */
import { expect, test } from "bun:test";
import { DEFAULT_PUBLIC_DIR } from "../../server/http/app-server";
import { buildProblem } from "../../server/http/build-check";

test("a development build (left by npm run dev) is refused with the command to run", () => {
  expect(buildProblem({ mode: "development", assets: { url: "/favicon.svg" } }, DEFAULT_PUBLIC_DIR)).toBe(
    "build/ holds a development build (left by npm run dev); run `npm run build` before `npm start`",
  );
});

test("a production build whose assets were replaced by another build is refused", () => {
  expect(buildProblem({ mode: "production", assets: { url: "/build/manifest-GONE0000.js" } }, DEFAULT_PUBLIC_DIR)).toContain(
    "the browser assets of this build (/build/manifest-GONE0000.js) are missing from public/; run `npm run build`",
  );
});

test("a production build with its assets in place is served", () => {
  expect(buildProblem({ mode: "production", assets: { url: "/favicon.svg" } }, DEFAULT_PUBLIC_DIR)).toBeUndefined();
});
