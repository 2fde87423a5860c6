/** On B1: where the report's sites and subsidiaries came from (the company profile) and whether they still match it. */
import { Link } from "@remix-run/react";
import type { ListComparison, ProfileListsNote as Note } from "../utils/company-lists";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function sentence(comparison: ListComparison, count: number, one: string, many: string): string | null {
  if (comparison === "same") return `The ${many} below are the ${plural(count, one, many)} of the company profile, copied when the report was started.`;
  if (comparison === "different") return `The company profile lists ${plural(count, one, many)}; this report keeps its own list of ${many} (started before, or changed here).`;
  return null;
}

export function ProfileListsNote({ note }: { note: Note }) {
  const sites = sentence(note.sites, note.profileSites, "site", "sites");
  const subsidiaries = sentence(note.subsidiaries, note.profileSubsidiaries, "subsidiary", "subsidiaries");
  return (
    <p className="notice" role="note" data-testid="profile-lists-note">
      {sites} {subsidiaries}
      {sites || subsidiaries ? " " : "Sites and subsidiaries entered in the "}
      {sites || subsidiaries ? (
        <>
          Changes here stay in this report; the <Link to="/company">company profile</Link> is what new reports start with.
        </>
      ) : (
        <>
          <Link to="/company">company profile</Link> are filled in here when a new report is started.
        </>
      )}
    </p>
  );
}
