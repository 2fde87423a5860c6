import { getNaceCode } from "../../schemas/api/endpoints/reference";
import { apiResource, apiRoute, notFound, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getNaceCode, async ({ services, params, query }) => {
    const answer = await (await services()).reference.getNaceCode(params.code, query.revision);
    if (!answer.value) throw notFound(`No NACE Rev. ${query.revision} code ${params.code}.`);
    return reply({ ...answer, value: answer.value });
  }),
);
