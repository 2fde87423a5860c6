import { approveReport } from "../../schemas/api/endpoints/report-lifecycle";
import { apiResource } from "../utils/api.server";
import { reportTransitionRoute } from "../utils/api/report-transition.server";

export const { loader, action, handle } = apiResource(reportTransitionRoute(approveReport, "approve"));
