/**
 * The API's endpoints, in the order the document lists them: the one list the OpenAPI document, the
 * route-coverage test and the access test walk. Add an endpoint here and in `app/routes/api.v1.*`.
 */
import type { AnyEndpointContract } from "./contract";
import { createApiKey, listApiKeys, revokeApiKey } from "./endpoints/api-keys";
import { getCompany, patchCompany, putCompany } from "./endpoints/company";
import { exportReport, importReport } from "./endpoints/exchange";
import { getMe } from "./endpoints/me";
import { getCo2Intensity, getExternalEmissions, getNaceCode, searchNace } from "./endpoints/reference";
import { approveReport, listReportAudit, reopenReport, submitReport } from "./endpoints/report-lifecycle";
import { getReportSection, putReportSection } from "./endpoints/report-sections";
import { getReportCompleteness, getReportMetrics } from "./endpoints/report-views";
import { createReport, deleteReport, getReport, listReports, patchReport } from "./endpoints/reports";

export const API_ENDPOINTS: readonly AnyEndpointContract[] = [
  getMe,
  getCompany,
  putCompany,
  patchCompany,
  listReports,
  createReport,
  getReport,
  patchReport,
  deleteReport,
  getReportSection,
  putReportSection,
  getReportMetrics,
  getReportCompleteness,
  submitReport,
  approveReport,
  reopenReport,
  listReportAudit,
  exportReport,
  importReport,
  searchNace,
  getNaceCode,
  getCo2Intensity,
  getExternalEmissions,
  listApiKeys,
  createApiKey,
  revokeApiKey,
] as unknown as readonly AnyEndpointContract[];

export * from "./contract";
export { ProblemSchema, API_PROBLEM_TYPES, jsonPointer } from "./problem";
