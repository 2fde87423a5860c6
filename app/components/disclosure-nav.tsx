/** The report's disclosures in the standard's order, each with how complete it is. */
import { NavLink } from "@remix-run/react";
import type { NavDisclosure } from "../utils/catalogue";

const STATE_LABEL: Record<string, string> = {
  complete: "complete",
  in_progress: "in progress",
  not_started: "not started",
  not_applicable: "not applicable",
  omitted: "omitted (classified or sensitive)",
  not_required: "not required",
};

export function DisclosureNav({
  year,
  disclosures,
  completeness,
  current,
}: {
  year: number;
  /** From the loader (`navDisclosures`): the catalogue itself stays on the server. */
  disclosures: readonly NavDisclosure[];
  completeness: Record<string, { state: string; percent: number } | undefined>;
  current?: string;
}) {
  return (
    <nav className="disclosure-nav" aria-label={`Disclosures of the ${year} report`}>
      <ol>
        {disclosures.map((spec) => {
          const section = completeness[spec.section];
          return (
            <li key={spec.code}>
              <NavLink to={`/reports/${year}/${spec.code.toLowerCase()}`} aria-current={current === spec.code ? "page" : undefined}>
                <span className="code">{spec.code}</span> {spec.title}
                {section ? <span className={`state state-${section.state}`}> — {STATE_LABEL[section.state] ?? section.state}</span> : null}
              </NavLink>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
