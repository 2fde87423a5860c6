import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { catalogueTables } from "../../scripts/lib/catalogue-doc";

test("docs/vsme-data-model.md shows the catalogue as it is (regenerate with scripts/generate-data-model-doc.ts)", () => {
  const doc = readFileSync(new URL("../../docs/vsme-data-model.md", import.meta.url), "utf8");
  const generated = doc.slice(doc.indexOf("-->", doc.indexOf("<!-- catalogue:start")) + 3, doc.indexOf("<!-- catalogue:end -->"));
  expect(generated.trim()).toBe(catalogueTables().trim());
});
