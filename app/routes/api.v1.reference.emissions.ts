import { getExternalEmissions } from "../../schemas/api/endpoints/reference";
import { apiResource, apiRoute, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getExternalEmissions, async ({ services, identity, query }) =>
    reply(await (await services()).reference.externalEmissionsFor(identity.organizationId, query.year)),
  ),
);
