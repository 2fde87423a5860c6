/**
 * npm run db:health -- [--json]
 * Pings the primary and the external database and prints status, latency and target (credentials masked).
 * Exit code: 0 both up · 1 primary down (the app cannot serve) · 2 only the external database down (the app
 * runs degraded on its reference snapshot) · 64 bad argument · 78 invalid configuration. Writes nothing.
 */
import type { DatabaseHealth } from "../server/db/connections";
import { parseFlags } from "./lib/args";
import { EXIT } from "./lib/exit-codes";
import { describeTarget, finish, loadScriptConfig, openConnections, scriptLogger } from "./lib/runtime";

const USAGE = `usage: npm run db:health -- [--json]
  --json  print the readiness report as JSON instead of a table
exit codes: 0 all up, 1 primary down, 2 external down only`;

const flags = parseFlags(process.argv.slice(2), ["json"], USAGE);
const config = loadScriptConfig();
// Only errors by default: an unreachable database is the answer here, the table says it once.
const logger = scriptLogger(config, "db:health", "error");
const connections = openConnections(config, logger);

const readiness = await connections.ping();
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
  console.log(JSON.stringify({ ...readiness, targets: Object.fromEntries(rows.map((row) => [row.database, row.target])) }, null, 2));
} else {
  printTable(
    ["Database", "Status", "Latency", "Target"],
    rows.map(({ database, health, target }) => [
      database,
      health.status,
      health.latencyMs === null ? "—" : `${health.latencyMs} ms`,
      health.error ? `${target} — ${health.error}` : target,
    ]),
  );
  console.log(`\nOverall: ${readiness.status} (APP_ENV=${config.appEnv})`);
}

const code =
  readiness.databases.primary.status === "down" ? EXIT.failed : readiness.databases.external.status === "down" ? EXIT.externalDown : EXIT.ok;
await finish(connections, code);

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of body) console.log(line(row));
}
