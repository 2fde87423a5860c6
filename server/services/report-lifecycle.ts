/**
 * The report lifecycle: draft → submitted → approved, and reopen (with a reason) back to draft. Each
 * transition changes the status and writes its audit event in one transaction: both happen or neither.
 * Submitting is open to every member; approving and reopening only to organization admins.
 */
import { computeCompleteness, type ReportContent, type ReportStatus } from "../../schemas/report";
import type { TenantRepositories } from "../repositories";
import { ConflictError, ForbiddenError, ValidationError } from "../repositories/errors";
import type { AuditAction } from "../repositories/audit-events";

export const ADMIN_ROLE = "org:admin";

const transitions = {
  submit: { from: ["draft"], to: "submitted", action: "report.submitted", adminOnly: false },
  approve: { from: ["submitted"], to: "approved", action: "report.approved", adminOnly: true },
  reopen: { from: ["submitted", "approved"], to: "draft", action: "report.reopened", adminOnly: true },
} as const satisfies Record<
  string,
  { from: readonly ReportStatus[]; to: ReportStatus; action: AuditAction; adminOnly: boolean }
>;

export type ReportTransition = keyof typeof transitions;

/** Submitting an incomplete report: allowed only with this, and recorded in the audit event. */
export interface IncompleteOverride {
  reason: string;
}

/**
 * Submission needs a complete report (every required datapoint of the chosen module(s)), or an explicit override
 * with a reason. Blockers — an "Always" disclosure marked not applicable — stop it either way.
 */
function checkSubmittable(report: ReportContent & { undertaking?: { legalForm?: string } }, override: IncompleteOverride | undefined) {
  const completeness = computeCompleteness(report, { undertaking: report.undertaking });
  if (completeness.blockers.length > 0) {
    throw new ValidationError(
      "This report can't be submitted",
      completeness.blockers.map((b) => ({ path: b.path.split("."), message: b.message, code: "custom" })),
    );
  }
  if (completeness.complete) return undefined;
  if (override === undefined) {
    throw new ValidationError(
      `The report is not complete: ${completeness.missing.length} required datapoint(s) missing. Complete them, or submit with a reason for the exception.`,
      completeness.missing.map((m) => ({ path: m.path.split("."), message: `${m.label} (${m.paragraph}) is missing`, code: "custom" })),
    );
  }
  if (typeof override !== "object" || override === null || typeof override.reason !== "string" || !override.reason.trim()) {
    throw ValidationError.single(["override", "reason"], "Say why the report is submitted incomplete");
  }
  return { incompleteOverride: true, missingDatapoints: completeness.missing.length, reason: override.reason.trim() };
}

async function transition(
  repositories: TenantRepositories,
  name: ReportTransition,
  reportId: string,
  options: { expectedVersion: number; reason?: string; override?: IncompleteOverride },
) {
  const rule = transitions[name];
  if (rule.adminOnly && repositories.actor.role !== ADMIN_ROLE) {
    throw new ForbiddenError(`Only organization admins can ${name} a report`);
  }
  // Reasons come from forms and API bodies: anything but text is refused here, not met with a TypeError.
  if (options.reason !== undefined && typeof options.reason !== "string") {
    throw ValidationError.single(["reason"], "The reason must be text");
  }
  const reason = options.reason?.trim();
  if (name === "reopen" && !reason) {
    throw ValidationError.single(["reason"], "Say why the report is reopened");
  }
  return repositories.transaction(async (tx) => {
    const current = await tx.reports.get(reportId);
    if (!(rule.from as readonly string[]).includes(current.status)) {
      throw new ConflictError(`A ${current.status} report cannot be ${rule.to === "draft" ? "reopened" : rule.to}`, {
        kind: "state",
      });
    }
    const override = name === "submit" ? checkSubmittable(current as never, options.override) : undefined;
    const report = await tx.reports.setStatus(reportId, rule.to, { expectedVersion: options.expectedVersion });
    const event = await tx.auditEvents.record({
      action: rule.action,
      entityType: "report",
      entityId: report.id,
      actorId: repositories.actor.userId,
      ...(repositories.actor.role ? { actorRole: repositories.actor.role } : {}),
      fromStatus: current.status,
      toStatus: rule.to,
      entityVersion: report.version,
      ...(reason ? { reason } : {}),
      ...(override ?? {}),
    });
    return { report, event };
  });
}

export const reportLifecycle = {
  /** Pass `override` (with a reason) to submit a report that is not complete; the audit event records it. */
  submit: (repositories: TenantRepositories, reportId: string, options: { expectedVersion: number; override?: IncompleteOverride }) =>
    transition(repositories, "submit", reportId, options),
  approve: (repositories: TenantRepositories, reportId: string, options: { expectedVersion: number }) =>
    transition(repositories, "approve", reportId, options),
  reopen: (repositories: TenantRepositories, reportId: string, options: { expectedVersion: number; reason: string }) =>
    transition(repositories, "reopen", reportId, options),
};
