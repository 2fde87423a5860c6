/** Loads the shipped reference CSVs into a test "external" database, shaped as the reference service expects. */
import type { Db } from "mongodb";
import { loadCo2Intensities, loadNaceCodes } from "../../server/reference-data";

export async function seedExternalReference(external: Db): Promise<void> {
  const [rev2, rev21, factors] = await Promise.all([loadNaceCodes("2"), loadNaceCodes("2.1"), loadCo2Intensities()]);
  await external.collection("naceCodes").insertMany([
    ...rev2.map((code) => ({ ...code, revision: "2" })),
    ...rev21.map((code) => ({ ...code, revision: "2.1" })),
  ]);
  await external.collection("co2Intensities").insertMany(factors.map((factor) => ({ ...factor })));
}
