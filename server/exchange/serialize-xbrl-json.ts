/** xBRL-JSON (OIM, https://xbrl.org/2021/xbrl-json) of a report's facts. */
import { isInstant, nextDay, type Fact, type FilingFrame } from "./facts";
import { ENTRY_POINT, NAMESPACES, concept } from "./taxonomy";

/** OIM periods are date-times; an XBRL 2.1 end date or instant "at the end of the day" is the next midnight. */
function oimPeriod(fact: Fact): string {
  if (isInstant(fact.period)) return `${nextDay(fact.period.instant)}T00:00:00`;
  return `${fact.period.start}T00:00:00/${nextDay(fact.period.end)}T00:00:00`;
}

export const IDENTIFIER_PREFIX = "scheme";

export function xbrlJsonDocument(frame: FilingFrame, facts: readonly Fact[]) {
  const out: Record<string, { value: string; decimals?: number; dimensions: Record<string, string> }> = {};
  facts.forEach((fact, index) => {
    const c = concept(fact.concept);
    const dimensions: Record<string, string> = {
      concept: fact.concept,
      entity: `${IDENTIFIER_PREFIX}:${frame.identifier.value}`,
      period: oimPeriod(fact),
    };
    // OIM: a numeric fact without a unit dimension is xbrli:pure, which must not be written out.
    if (c?.numeric && fact.unit && fact.unit !== "xbrli:pure") dimensions.unit = fact.unit;
    for (const [axis, member] of Object.entries(fact.dimensions)) dimensions[axis] = member;
    out[`f${index + 1}`] = {
      value: fact.value,
      ...(c?.numeric && fact.decimals !== undefined ? { decimals: fact.decimals } : {}),
      dimensions,
    };
  });
  return {
    documentInfo: {
      documentType: "https://xbrl.org/2021/xbrl-json",
      namespaces: {
        ...NAMESPACES,
        [IDENTIFIER_PREFIX]: frame.identifier.scheme,
        xbrl: "https://xbrl.org/2021",
      },
      taxonomy: [ENTRY_POINT],
    },
    facts: out,
  };
}

export function serializeXbrlJson(frame: FilingFrame, facts: readonly Fact[]): string {
  return `${JSON.stringify(xbrlJsonDocument(frame, facts), null, 2)}\n`;
}
