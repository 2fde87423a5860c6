import { z } from "zod";
import { AuditEventSchema } from "../../audit-event";
import { strictObject } from "../../common";
import { defineEndpoint } from "../contract";
import { pageOf, pageQueryFields } from "../representations";
import { ReportIdParams, ReportResourceSchema } from "./reports";

export const AuditEventResourceSchema = AuditEventSchema;

export const ReportTransitionResultSchema = strictObject({
  report: ReportResourceSchema,
  event: AuditEventResourceSchema,
}).meta({ id: "ReportTransitionResult", description: "The report after the transition and the audit event written with it." });

export const ReopenBodySchema = strictObject({
  reason: z.string().trim().min(1, { error: "Say why the report is reopened" }).max(2000),
}).meta({ id: "ReopenReport", description: "Why the report is reopened (kept in the audit trail)." });

const transition = (name: "submit" | "approve" | "reopen", summary: string, description: string) =>
  ({
    operationId: `${name}Report`,
    method: "post",
    path: `/reports/{reportId}/${name}`,
    tag: "Report lifecycle",
    summary,
    description: `${description} Send the report's ETag in If-Match.`,
    concurrency: "write",
    idempotent: true,
    params: ReportIdParams,
    response: {
      status: 200,
      description: "The report after the transition, and its audit event.",
      schema: ReportTransitionResultSchema,
    },
    errors: [404, 409, 412, 422, 428],
  }) as const;

export const SubmitBodySchema = strictObject({
  override: strictObject({
    reason: z.string().trim().min(1, { error: "Say why the report is submitted incomplete" }).max(2000),
  }).optional(),
}).meta({
  id: "SubmitReport",
  description: "Optional. `override.reason` submits a report that is not complete; the reason is kept in the audit trail.",
});

export const submitReport = defineEndpoint({
  ...transition(
    "submit",
    "Submit a draft for approval",
    "draft → submitted. Members and admins (API keys with reports:write). An incomplete report (see /completeness) is refused with 422 unless the body gives `override.reason`.",
  ),
  access: "reports:submit",
  body: SubmitBodySchema,
  bodyOptional: true,
  bodyExample: { override: { reason: "Scope 3 is not yet measured; the bank accepted the report without it" } },
  errors: [404, 409, 412, 413, 415, 422, 428],
});

export const approveReport = defineEndpoint({
  ...transition("approve", "Approve a submitted report", "submitted → approved. Organization admins only."),
  access: "reports:approve",
});

export const reopenReport = defineEndpoint({
  ...transition("reopen", "Reopen a report for changes", "submitted or approved → draft, with a reason. Organization admins only."),
  access: "reports:approve",
  body: ReopenBodySchema,
  bodyExample: { reason: "The auditor found a typo in the Scope 2 figure" },
  errors: [404, 409, 412, 413, 415, 422, 428],
});

export const AuditEventPageSchema = pageOf(AuditEventResourceSchema, {
  id: "AuditEventPage",
  description: "A page of audit events, newest first.",
});

export const listReportAudit = defineEndpoint({
  operationId: "listReportAudit",
  method: "get",
  path: "/reports/{reportId}/audit",
  tag: "Report lifecycle",
  summary: "A report's audit trail",
  description: "Lifecycle events of the report (submitted, approved, reopened), newest first.",
  access: "reports:read",
  concurrency: "read",
  paginated: true,
  params: ReportIdParams,
  query: strictObject(pageQueryFields),
  response: { status: 200, description: "A page of events.", schema: AuditEventPageSchema },
  errors: [304, 404],
});
