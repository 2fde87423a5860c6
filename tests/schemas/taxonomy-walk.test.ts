/**
 * Issue 8's acceptance walk: every reportable concept of the VSME taxonomy 2026-05-01 (143 non-abstract `vsme:`
 * concepts) is captured by a catalogue field, or derived by the server and listed — with the reason — in
 * docs/vsme-data-model.md. Reads EFRAG's full taxonomy file from the shared reference folder.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { catalogueEntries } from "../../schemas";

const TAXONOMY = new URL("../../../shared/reference/efrag/vsme-2026-05-01.json", import.meta.url);
const DOC = new URL("../../docs/vsme-data-model.md", import.meta.url);

interface TaxonomyConcept {
  abstract?: boolean;
  references?: Array<{ parts: Array<[string, string]> }>;
}

function reportableConcepts(): Map<string, string> {
  const file = JSON.parse(readFileSync(TAXONOMY, "utf8")) as { concepts: Record<string, TaxonomyConcept> };
  return new Map(
    Object.entries(file.concepts)
      .filter(([name, c]) => name.startsWith("vsme:") && !c.abstract)
      .map(([name, c]) => {
        const parts = (c.references ?? []).flatMap((r) => r.parts);
        const number = parts.find(([k, v]) => k === "ref:Number" && /^[BC]\d+$/.test(v))?.[1];
        const paragraph = parts.find(([k]) => k === "ref:Paragraph")?.[1];
        // Para 16 (unchanged disclosures) is part of B1; para 10 is the entity-specific D99.
        const disclosure = number ?? (paragraph === "16" ? "B1" : "D99");
        return [name.slice(5), disclosure] as const;
      }),
  );
}

/** The "Derived datapoints" section of the data-model doc: one table row per derived concept. */
function derivedInDoc(): Set<string> {
  const doc = readFileSync(DOC, "utf8");
  const section = doc.slice(doc.indexOf("## Derived datapoints"));
  const end = section.indexOf("\n## ", 5);
  return new Set([...(end > 0 ? section.slice(0, end) : section).matchAll(/^\| `([A-Za-z0-9]+)` \|/gm)].map((m) => m[1]!));
}

describe.skipIf(!existsSync(TAXONOMY))("taxonomy walk: every VSME datapoint captured or derived", () => {
  const concepts = reportableConcepts();
  const entries = catalogueEntries();
  const captured = new Set(entries.filter((e) => e.field.xbrl && !e.field.derived).map((e) => e.field.xbrl!.concept));
  const derived = new Set(entries.filter((e) => e.field.xbrl && e.field.derived).map((e) => e.field.xbrl!.concept));

  test("the taxonomy has the 143 reportable concepts the issue counts", () => {
    expect(concepts.size).toBe(143);
  });

  test("each concept is captured by a field or derived by the server — none is neither", () => {
    const neither = [...concepts.keys()].filter((c) => !captured.has(c) && !derived.has(c));
    expect(neither).toEqual([]);
  });

  test("each derived-only concept is documented in docs/vsme-data-model.md with its reason", () => {
    const derivedOnly = [...concepts.keys()].filter((c) => !captured.has(c) && derived.has(c));
    const documented = derivedInDoc();
    expect(derivedOnly.filter((c) => !documented.has(c))).toEqual([]);
    // and the doc lists nothing that is not derived
    expect([...documented].filter((c) => !derivedOnly.includes(c))).toEqual([]);
  });

  test("the catalogue uses no concept outside the taxonomy", () => {
    const unknown = [...captured, ...derived].filter((c) => !concepts.has(c));
    expect(unknown).toEqual([]);
  });

  test("counts per disclosure (captured / derived) match the data-model doc", () => {
    const counts = new Map<string, { captured: number; derived: number }>();
    for (const [concept, disclosure] of concepts) {
      const row = counts.get(disclosure) ?? { captured: 0, derived: 0 };
      if (captured.has(concept)) row.captured += 1;
      else row.derived += 1;
      counts.set(disclosure, row);
    }
    const doc = readFileSync(DOC, "utf8");
    const wrong = [...counts].filter(([code, { captured: c, derived: d }]) => !new RegExp(`^\\| ${code} \\| ${c + d} \\| ${c} \\| ${d} \\|`, "m").test(doc));
    expect(wrong.map(([code, v]) => `${code}: ${v.captured} captured, ${v.derived} derived`)).toEqual([]);
  });
});
