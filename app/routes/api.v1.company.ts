import { CompanyInputSchema } from "../../schemas/company";
import { getCompany, patchCompany, putCompany } from "../../schemas/api/endpoints/company";
import { apiResource, apiRoute, notFound, replyRecord } from "../utils/api.server";
import { expectedVersionFrom, preconditionFailed } from "../utils/api/conditional.server";

const noProfile = () => notFound("The organization has no company profile yet: create it with PUT /api/v1/company.");

/** PUT replaces: optional fields left out are cleared, not kept from the stored profile. */
const cleared = Object.fromEntries(Object.keys(CompanyInputSchema.shape).map((key) => [key, undefined]));

export const { loader, action, handle } = apiResource(
  apiRoute(getCompany, async ({ repos }) => {
    const company = await repos.companies.current();
    if (!company) throw noProfile();
    return replyRecord(company);
  }),
  apiRoute(putCompany, async ({ repos, body, expectedVersion, request }) => {
    const current = await repos.companies.current();
    if (!current) {
      if (expectedVersion !== undefined) {
        throw preconditionFailed("There is no company profile to replace: send no If-Match to create it.");
      }
      return replyRecord(await repos.companies.create(body), { status: 201, location: "/api/v1/company" });
    }
    // Replacing an existing profile needs its ETag like any change (428 without).
    const version = expectedVersion ?? expectedVersionFrom(request, "write")!;
    return replyRecord(await repos.companies.update(current.id, { ...cleared, ...body }, { expectedVersion: version }));
  }),
  apiRoute(patchCompany, async ({ repos, body, expectedVersion }) => {
    const current = await repos.companies.current();
    if (!current) throw noProfile();
    return replyRecord(await repos.companies.update(current.id, body, { expectedVersion: expectedVersion! }));
  }),
);
