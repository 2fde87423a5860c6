import { ReportCompletenessSchema, ReportMetricsSchema } from "../../report/metrics-schema";
import { defineEndpoint } from "../contract";
import { ReportIdParams } from "./reports";

export const getReportMetrics = defineEndpoint({
  operationId: "getReportMetrics",
  method: "get",
  path: "/reports/{reportId}/metrics",
  tag: "Reports",
  summary: "Metrics derived from a report",
  description: "GHG totals and intensities, energy and workforce ratios, computed by the server on every change.",
  access: "reports:read",
  concurrency: "read",
  params: ReportIdParams,
  response: { status: 200, description: "The report's metrics.", schema: ReportMetricsSchema },
  errors: [304, 404],
});

export const getReportCompleteness = defineEndpoint({
  operationId: "getReportCompleteness",
  method: "get",
  path: "/reports/{reportId}/completeness",
  tag: "Reports",
  summary: "How complete a report is",
  description: "Required datapoints filled, per section and overall, with the paths still missing.",
  access: "reports:read",
  concurrency: "read",
  params: ReportIdParams,
  response: { status: 200, description: "The report's completeness.", schema: ReportCompletenessSchema },
  errors: [304, 404],
});
