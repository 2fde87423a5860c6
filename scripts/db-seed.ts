/**
 * npm run db:seed -- [--allow-production]
 * Development sample data in the primary database (server/seed/development-sample.ts), through the
 * repositories; idempotent. Refuses a production database unless APP_ENV=production and --allow-production.
 */
import { seedDevelopmentSample } from "../server/seed/development-sample";
import { createReferenceDataService } from "../server/services/reference/index";
import { EXIT } from "./lib/exit-codes";
import { describeTarget, errorMessage, finish, startPrimaryWriter, warnIfMigrationsPending } from "./lib/runtime";

const { config, connections } = startPrimaryWriter("db:seed", "write sample data");
try {
  const { primary, external } = await connections.getDatabases();
  const description = connections.description();
  console.log(`primary: ${describeTarget(description.primary, primary.databaseName, description.embedded && !config.database.primary.url)}`);
  await warnIfMigrationsPending(primary);

  // The company's sector CO2 intensity comes from reference data (npm run db:seed-external fills it locally).
  const reference = createReferenceDataService({ external, primary });
  const report = await seedDevelopmentSample({ primary, reference });
  console.log(`organization ${report.organizationId}`);
  console.log(`user         ${report.user.clerkId} (${report.user.action})`);
  console.log(
    `company      ${report.company.name}, NACE ${report.company.naceCode} (${report.company.action}; ` +
      `sector intensity ${report.company.sectorIntensity ?? "not found — run npm run db:seed-external first"})`,
  );
  for (const item of report.reports) console.log(`report       ${item.year} ${item.id} (${item.action})`);
  await finish(connections, EXIT.ok);
} catch (error) {
  console.error(`db:seed failed: ${errorMessage(error)}`);
  await finish(connections, EXIT.failed);
}
