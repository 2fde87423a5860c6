/**
 * `npm run openapi`: writes the API's OpenAPI 3.1 document to openapi.json at the repository root (committed;
 * partners diff it between versions). `--check` only compares and exits 1 when the file is out of date.
 */
import { resolve } from "node:path";
import { buildOpenApiDocument } from "../server/api/openapi";

export const OPENAPI_FILE = resolve(import.meta.dir, "../openapi.json");

export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (import.meta.main) {
  const rendered = renderOpenApiDocument();
  const file = Bun.file(OPENAPI_FILE);
  const current = (await file.exists()) ? await file.text() : "";
  if (process.argv.includes("--check")) {
    if (current !== rendered) {
      console.error("openapi.json is out of date: run npm run openapi");
      process.exit(1);
    }
    console.log("openapi.json is up to date");
  } else if (current === rendered) {
    console.log("openapi.json is up to date");
  } else {
    await Bun.write(OPENAPI_FILE, rendered);
    console.log(`wrote ${OPENAPI_FILE}`);
  }
}
