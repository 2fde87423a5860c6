/**
 * The company profile's sites and subsidiaries in a report's B1: copied into a new draft so nobody types them
 * twice, and compared with the profile on the B1 page so the user sees where the list came from and whether
 * the profile has changed since. Reports already started are never changed by the profile. Isomorphic.
 */
import type { CompanySite, CompanySubsidiary } from "../../schemas/company";
import type { Site, Subsidiary as B1Subsidiary } from "../../schemas/report/basis";

interface CompanyLists {
  sites?: readonly CompanySite[] | undefined;
  subsidiaries?: readonly CompanySubsidiary[] | undefined;
}

/** A profile site as B1 lists it: without the name, which B1 24(e)(vii) has no datapoint for. */
export function b1Site(site: CompanySite): Site {
  const { name: _name, ...rest } = site;
  return rest;
}

export function b1Subsidiary(subsidiary: CompanySubsidiary): B1Subsidiary {
  return { name: subsidiary.name, registeredAddress: subsidiary.registeredAddress };
}

type Sections = Record<string, unknown>;

/**
 * The new draft's sections with B1's sites and subsidiaries from the profile. The profile is today's list, so it
 * wins over a list copied from last year's report. Left out: a list the report omits as sensitive (24(b): an
 * omitted group holds no values), and subsidiaries when the report is on an individual basis (24(d)).
 */
export function withCompanyLists(sections: Sections, company: CompanyLists): Sections {
  const sites = company.sites ?? [];
  const subsidiaries = company.subsidiaries ?? [];
  if (sites.length === 0 && subsidiaries.length === 0) return sections;
  const existing = sections.basisForPreparation as Record<string, unknown> | undefined;
  const b1: Record<string, unknown> = { ...(existing ?? { status: "reported" }) };
  const omitted = Array.isArray(b1.omittedDisclosures) ? (b1.omittedDisclosures as string[]) : [];
  if (sites.length > 0 && !omitted.includes("B1.sites")) b1.sites = sites.map(b1Site);
  if (subsidiaries.length > 0 && !omitted.includes("B1.subsidiaries") && b1.basisForReporting !== "individual") {
    b1.subsidiaries = subsidiaries.map(b1Subsidiary);
  }
  return { ...sections, basisForPreparation: b1 };
}

const siteKey = (site: Site) => JSON.stringify([site.id ?? null, site.address, site.postalCode, site.city, site.country, site.gps?.latitude ?? null, site.gps?.longitude ?? null]);
const subsidiaryKey = (subsidiary: B1Subsidiary) => JSON.stringify([subsidiary.name, subsidiary.registeredAddress]);

export type ListComparison = "same" | "different" | "none-in-profile";

/** Whether a report's list is the profile's (same rows, same order). */
function compare<T>(reportRows: readonly T[] | undefined, profileRows: readonly T[], key: (row: T) => string): ListComparison {
  if (profileRows.length === 0) return "none-in-profile";
  const rows = reportRows ?? [];
  return rows.length === profileRows.length && rows.every((row, index) => key(row) === key(profileRows[index]!)) ? "same" : "different";
}

export interface ProfileListsNote {
  sites: ListComparison;
  subsidiaries: ListComparison;
  profileSites: number;
  profileSubsidiaries: number;
}

/** How a report's B1 lists stand against the company profile's, for the note on the B1 page. */
export function compareWithProfile(b1: { sites?: readonly Site[] | undefined; subsidiaries?: readonly B1Subsidiary[] | undefined } | undefined, company: CompanyLists): ProfileListsNote {
  const sites = (company.sites ?? []).map(b1Site);
  const subsidiaries = (company.subsidiaries ?? []).map(b1Subsidiary);
  return {
    sites: compare(b1?.sites, sites, siteKey),
    subsidiaries: compare(b1?.subsidiaries, subsidiaries, subsidiaryKey),
    profileSites: sites.length,
    profileSubsidiaries: subsidiaries.length,
  };
}
