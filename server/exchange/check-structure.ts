/**
 * Structure checks of a filing, without a network or an XBRL processor: every fact's concept exists in the
 * taxonomy with the fact's period type, a unit allowed for its data type and dimensions its hypercube allows;
 * enumeration values are members of the concept's domain; no fact is reported twice. `readInlineXbrl` turns an
 * exported XHTML back into facts (checking contexts and units on the way), so the same checks apply to it.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { contextKey, isInstant, type Fact } from "./facts";
import { NAMESPACES, TYPED_DIMENSION_ELEMENT, concept, dimensionsAllowed, enumerationAllows, unitAllowed } from "./taxonomy";

export function checkFacts(facts: readonly Fact[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const fact of facts) {
    const where = `${fact.concept}${Object.keys(fact.dimensions).length ? ` [${Object.values(fact.dimensions).join(", ")}]` : ""}`;
    const c = concept(fact.concept);
    if (!c || c.axis) {
      problems.push(`${where}: not a reportable concept of the VSME taxonomy`);
      continue;
    }
    if (isInstant(fact.period) !== (c.periodType === "instant")) {
      problems.push(`${where}: the taxonomy wants a${c.periodType === "instant" ? "n instant" : " duration"} period`);
    }
    if (c.numeric) {
      if (!/^-?\d+(\.\d+)?$/.test(fact.value)) problems.push(`${where}: "${fact.value}" is not an XBRL decimal`);
    }
    const unit = fact.unit ?? (c.numeric ? "xbrli:pure" : undefined);
    if (!unitAllowed(c, unit)) problems.push(`${where}: unit ${fact.unit ?? "(none)"} is not allowed for ${c.dataType}`);
    if (!dimensionsAllowed(fact.concept, fact.dimensions)) {
      problems.push(`${where}: dimensions ${JSON.stringify(fact.dimensions)} are not in the concept's hypercube`);
    }
    if (c.baseType === "xbrli:booleanItemType" && !["true", "false"].includes(fact.value)) {
      problems.push(`${where}: "${fact.value}" is not a boolean`);
    }
    if (c.domain) {
      const members = fact.value.split(" ");
      if (c.dataType === "enum2:enumerationItemType" && members.length !== 1) problems.push(`${where}: one value expected`);
      for (const m of members) if (!enumerationAllows(fact.concept, m)) problems.push(`${where}: ${m} is not in the concept's domain`);
    }
    const key = `${fact.concept}|${contextKey(fact)}|${fact.unit ?? ""}`;
    if (seen.has(key)) problems.push(`${where}: reported twice in the same context`);
    seen.add(key);
  }
  return problems;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

type Node = Record<string, unknown>;
function* walk(node: unknown, name?: string): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item, name);
    return;
  }
  if (node === null || typeof node !== "object") return;
  if (name) yield [name, node as Node];
  for (const [key, value] of Object.entries(node as Node)) {
    if (key.startsWith("@_") || key === "#text") continue;
    yield* walk(value, key);
  }
}

/** All text inside a node, in document order (nested tags flattened). */
function textOf(node: unknown): string {
  if (node === null || node === undefined) return "";
  if (typeof node !== "object") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  return Object.entries(node as Node)
    .filter(([k]) => !k.startsWith("@_"))
    .map(([, v]) => textOf(v))
    .join("");
}

const asArray = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export interface InlineReading {
  facts: Fact[];
  problems: string[];
}

/** Parses an inline XBRL document back into facts, reporting structural problems (well-formedness, references). */
export function readInlineXbrl(xhtml: string): InlineReading {
  const problems: string[] = [];
  const valid = XMLValidator.validate(xhtml);
  if (valid !== true) return { facts: [], problems: [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`] };
  const doc = parser.parse(xhtml);
  const uriToPrefix = new Map(Object.entries(NAMESPACES).map(([prefix, uri]) => [uri, prefix]));
  const contexts = new Map<string, { period: Fact["period"]; dimensions: Record<string, string>; entity: string }>();
  const units = new Map<string, string>();
  let schemaRefs = 0;
  for (const [name, node] of walk(doc)) {
    if (name === "link:schemaRef") schemaRefs++;
    if (name === "xbrli:context") {
      const id = String(node["@_id"]);
      if (contexts.has(id)) problems.push(`context ${id} is defined twice`);
      const period = node["xbrli:period"] as Node;
      const entity = textOf((node["xbrli:entity"] as Node)?.["xbrli:identifier"]);
      const dimensions: Record<string, string> = {};
      const scenario = node["xbrli:scenario"] as Node | undefined;
      for (const m of asArray(scenario?.["xbrldi:explicitMember"] as Node | Node[])) dimensions[String(m["@_dimension"])] = textOf(m).trim();
      for (const m of asArray(scenario?.["xbrldi:typedMember"] as Node | Node[])) {
        dimensions[String(m["@_dimension"])] = textOf(m[TYPED_DIMENSION_ELEMENT]).trim();
      }
      contexts.set(id, {
        entity,
        dimensions,
        period:
          period["xbrli:instant"] !== undefined
            ? { instant: textOf(period["xbrli:instant"]).trim() }
            : { start: textOf(period["xbrli:startDate"]).trim(), end: textOf(period["xbrli:endDate"]).trim() },
      });
    }
    if (name === "xbrli:unit") {
      const id = String(node["@_id"]);
      if (units.has(id)) problems.push(`unit ${id} is defined twice`);
      const divide = node["xbrli:divide"] as Node | undefined;
      const measure = divide
        ? `${textOf((divide["xbrli:unitNumerator"] as Node)["xbrli:measure"])}/${textOf((divide["xbrli:unitDenominator"] as Node)["xbrli:measure"])}`
        : textOf(node["xbrli:measure"]);
      units.set(id, measure.trim());
    }
  }
  if (schemaRefs !== 1) problems.push(`expected one schemaRef, found ${schemaRefs}`);
  const usedContexts = new Set<string>();
  const usedUnits = new Set<string>();
  const facts: Fact[] = [];
  const ids = new Set<string>();
  for (const [name, node] of walk(doc)) {
    if (name !== "ix:nonFraction" && name !== "ix:nonNumeric") continue;
    const id = String(node["@_id"] ?? "");
    if (id && ids.has(id)) problems.push(`fact id ${id} is used twice`);
    ids.add(id);
    const conceptName = String(node["@_name"]);
    const contextRef = String(node["@_contextRef"]);
    const context = contexts.get(contextRef);
    if (!context) {
      problems.push(`${conceptName}: context ${contextRef} does not exist`);
      continue;
    }
    usedContexts.add(contextRef);
    let value = textOf(node).trim();
    let unit: string | undefined;
    let decimals: number | undefined;
    if (name === "ix:nonFraction") {
      const unitRef = String(node["@_unitRef"]);
      unit = units.get(unitRef);
      if (!unit) problems.push(`${conceptName}: unit ${unitRef} does not exist`);
      usedUnits.add(unitRef);
      if (node["@_format"] !== "ixt:num-dot-decimal") problems.push(`${conceptName}: unexpected format ${String(node["@_format"])}`);
      value = value.replace(/,/g, "");
      if (node["@_sign"] === "-") value = `-${value}`;
      decimals = node["@_decimals"] === "INF" ? undefined : Number(node["@_decimals"]);
    } else {
      const format = node["@_format"];
      if (format === "ixt:fixed-true") value = "true";
      else if (format === "ixt:fixed-false") value = "false";
      else if (concept(conceptName)?.domain) {
        value = value
          .split(/\s+/)
          .filter(Boolean)
          .map((uri) => {
            const hash = uri.lastIndexOf("#");
            const prefix = uriToPrefix.get(uri.slice(0, hash));
            return prefix ? `${prefix}:${uri.slice(hash + 1)}` : uri;
          })
          .join(" ");
      } else value = textOf(node);
    }
    facts.push({
      concept: conceptName,
      value,
      ...(unit ? { unit } : {}),
      ...(decimals !== undefined ? { decimals } : {}),
      period: context.period,
      dimensions: context.dimensions,
    });
  }
  for (const id of contexts.keys()) if (!usedContexts.has(id)) problems.push(`context ${id} is not used`);
  for (const id of units.keys()) if (!usedUnits.has(id)) problems.push(`unit ${id} is not used`);
  return { facts, problems };
}
