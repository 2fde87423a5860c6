/**
 * npm run db:health -- [--json]
 * Pings the primary and the external database and prints status, latency and target (credentials masked),
 * then the row counts of the reference data on both sides (external database and the primary's snapshot). An
 * external database that answers but is empty or does not exist (a misspelled name) is reported as such, not
 * as "up". Exit code: 0 both up · 1 primary down (the app cannot serve) · 2 only the external database down,
 * empty or missing (the app runs degraded on its reference snapshot) · 64 bad argument · 78 invalid
 * configuration. Writes nothing.
 */
import type { DatabaseConnections, DatabaseHealth, Readiness } from "../server/db/connections";
import {
  externalReferenceCounts,
  externalReferenceProblem,
  snapshotCounts,
  type ExternalReferenceCounts,
  type SnapshotCounts,
} from "../server/services/reference/index";
import { parseFlags } from "./lib/args";
import { EXIT } from "./lib/exit-codes";
import { describeTarget, finish, loadScriptConfig, openConnections, scriptLogger } from "./lib/runtime";

const USAGE = `usage: npm run db:health -- [--json]
  --json  print the readiness report as JSON instead of a table
exit codes: 0 all up, 1 primary down, 2 external down, empty or missing`;

const flags = parseFlags(process.argv.slice(2), ["json"], USAGE);
const config = loadScriptConfig();
// Only errors by default: an unreachable database is the answer here, the table says it once.
const logger = scriptLogger(config, "db:health", "error");
const connections = openConnections(config, logger);

const readiness = await connections.ping();
const reference = await referenceCounts(connections, readiness);
const externalProblem = reference.external && externalReferenceProblem(reference.external, config.database.external.name);
const externalStatus = (health: DatabaseHealth) =>
  health.status === "up" && reference.external && !reference.external.exists ? "missing" : health.status === "up" && externalProblem ? "empty" : health.status;
const overall = readiness.status === "ok" && externalProblem ? "degraded" : readiness.status;
const warnings = [
  externalProblem,
  reference.snapshot && reference.snapshot.naceCodes + reference.snapshot.co2Intensities === 0
    ? "the reference snapshot is empty: nothing to fall back on while the external database is down (npm run db:sync-reference)"
    : undefined,
].filter((warning): warning is string => warning !== undefined);
const description = connections.description();
const rows: { database: string; health: DatabaseHealth; target: string }[] = [
  {
    database: "primary",
    health: readiness.databases.primary,
    target: describeTarget(description.primary, config.database.primary.name, description.embedded && !config.database.primary.url),
  },
  {
    database: "external",
    health: readiness.databases.external,
    target: describeTarget(description.external, config.database.external.name, description.embedded && !config.database.external.url),
  },
];

if (flags.json) {
  const targets = Object.fromEntries(rows.map((row) => [row.database, row.target]));
  console.log(JSON.stringify({ ...readiness, status: overall, targets, reference, warnings }, null, 2));
} else {
  printTable(
    ["Database", "Status", "Latency", "Target"],
    rows.map(({ database, health, target }) => [
      database,
      database === "external" ? externalStatus(health) : health.status,
      health.latencyMs === null ? "—" : `${health.latencyMs} ms`,
      health.error ? `${target} — ${health.error}` : target,
    ]),
  );
  console.log("");
  printTable(
    ["Reference data", "External", "Snapshot"],
    [
      ["NACE codes", count(reference.external?.naceCodes), count(reference.snapshot?.naceCodes)],
      ["sector CO2 factors", count(reference.external?.co2Intensities), count(reference.snapshot?.co2Intensities)],
    ],
  );
  if (reference.snapshot?.syncedAt) console.log(`Snapshot synced at ${reference.snapshot.syncedAt.toISOString()}`);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  console.log(`\nOverall: ${overall} (APP_ENV=${config.appEnv})`);
}

const code =
  readiness.databases.primary.status === "down"
    ? EXIT.failed
    : readiness.databases.external.status === "down" || externalProblem
      ? EXIT.externalDown
      : EXIT.ok;
await finish(connections, code);

/** Counts of whichever side answers; a side that is down or fails to count is left out (null). */
async function referenceCounts(
  connections: DatabaseConnections,
  readiness: Readiness,
): Promise<{ external: ExternalReferenceCounts | null; snapshot: SnapshotCounts | null }> {
  if (readiness.databases.primary.status === "down" && readiness.databases.external.status === "down") return { external: null, snapshot: null };
  const databases = await connections.getDatabases().catch(() => null);
  const orNull = <T>(promise: Promise<T>) => promise.catch(() => null);
  return {
    external: databases && readiness.databases.external.status === "up" ? await orNull(externalReferenceCounts(databases.external)) : null,
    snapshot: databases && readiness.databases.primary.status === "up" ? await orNull(snapshotCounts(databases.primary)) : null,
  };
}

function count(value: number | undefined): string {
  return value === undefined ? "—" : String(value);
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of body) console.log(line(row));
}
