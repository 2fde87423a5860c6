/**
 * Staging and production never migrate on start (a deploy step does), so a deployment that skipped
 * `db:migrate` or never synced the reference snapshot would run on quietly. These checks say so at start-up:
 * a warning naming the pending migrations and an empty snapshot, or — with REQUIRE_MIGRATED=1 — a refusal to
 * start while migrations are pending. An empty snapshot only warns: a first deployment has none until its
 * first scheduled `db:sync-reference`.
 */
import type { Config } from "../config/env";
import type { DatabaseConnections } from "../db/connections";
import { MIGRATIONS, migrationStatus } from "../migrations/index";
import type { Logger } from "../observability/logger";
import { redactString } from "../observability/logger";
import { snapshotCounts } from "../services/reference/index";

/** Runs the checks; returns the one-line reason to refuse the start, or undefined to go on. */
export async function deploymentChecks(config: Config, connections: DatabaseConnections, logger: Logger): Promise<string | undefined> {
  const { requireMigrated } = config.database;
  let findings: { pending: string[]; snapshot: { naceCodes: number; co2Intensities: number } };
  try {
    const { primary } = await connections.getDatabases();
    const [status, snapshot] = await Promise.all([migrationStatus(primary, MIGRATIONS), snapshotCounts(primary)]);
    findings = { pending: status.outcomes.filter((outcome) => outcome.status === "pending").map((outcome) => outcome.id), snapshot };
  } catch (error) {
    const reason = redactString(error instanceof Error ? error.message : String(error));
    if (requireMigrated) return `REQUIRE_MIGRATED=1 but the primary database could not be checked (${reason})`;
    logger.warn("start-up checks skipped: the primary database could not be read", { error: reason });
    return undefined;
  }

  const migrate = `APP_ENV=${config.appEnv} npm run db:migrate -- --allow-production`;
  if (findings.pending.length > 0) {
    if (requireMigrated) return `${findings.pending.length} migration(s) pending (${findings.pending.join(", ")}); run \`${migrate}\` first (REQUIRE_MIGRATED=1)`;
    logger.warn(`migrations pending: ${findings.pending.join(", ")}; run \`${migrate}\``, { pending: findings.pending });
  }
  const empty = (["naceCodes", "co2Intensities"] as const).filter((dataset) => findings.snapshot[dataset] === 0);
  if (empty.length > 0) {
    logger.warn(`reference snapshot empty (${empty.join(", ")}): nothing to fall back on while the external database is down; run db:sync-reference`, {
      snapshot: findings.snapshot,
    });
  }
  return undefined;
}
