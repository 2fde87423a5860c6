/** Human-readable labels of concepts, members and dimensions, for the readable document and the CSV. */
import type { Fact } from "./facts";
import { concept, memberLabel } from "./taxonomy";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "Italy" for `country:IT`, "47.21" for `nace:NACE_G4721`, the taxonomy label for other members. */
export function memberText(member: string): string {
  if (member.startsWith("country:")) {
    const code = member.slice("country:".length);
    try {
      return regionNames.of(code) ?? code;
    } catch {
      return code;
    }
  }
  if (member.startsWith("nace:NACE_")) {
    const code = member.slice("nace:NACE_".length + 1);
    return code.length > 2 ? `${code.slice(0, 2)}.${code.slice(2)}` : code;
  }
  return memberLabel(member) ?? member.replace(/^[a-z]+:/, "").replace(/Member$/, "");
}

/** "Renewable energy; site 2": the fact's dimensions as text (typed axes show the row number). */
export function dimensionsText(fact: Pick<Fact, "dimensions">): string {
  return Object.entries(fact.dimensions)
    .map(([axis, member]) => {
      const axisConcept = concept(axis);
      if (axisConcept?.axis === "typed") return `${axisConcept.label.replace(/^Identifier of /i, "")} ${member}`;
      return memberText(member);
    })
    .join("; ");
}

export function conceptLabel(fact: Pick<Fact, "concept" | "label">): string {
  return fact.label ?? concept(fact.concept)?.label ?? fact.concept;
}
