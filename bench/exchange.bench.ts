/**
 * Exchange figures: inline XBRL export of a report with every catalogue datapoint filled (facts built from the
 * report, then the XHTML; target ≤ 50 ms p50), the same for xBRL-JSON and CSV, and reading EFRAG's sample
 * Digital Template when the shared reference folder is there.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { reportFacts } from "../server/exchange/report-facts";
import { serializeCsv } from "../server/exchange/serialize-csv";
import { serializeInlineXbrl } from "../server/exchange/serialize-ixbrl";
import { serializeXbrlJson } from "../server/exchange/serialize-xbrl-json";
import { readTemplate } from "../server/exchange/template-reader";
import { developmentSampleReport, fullReport } from "../tests/exchange/catalogue-reports";

function measure(label: string, runs: number, work: () => unknown) {
  for (let i = 0; i < Math.min(20, runs); i++) work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`${label.padEnd(58)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   (${runs} runs)`);
}

const full = fullReport();
const previous = { ...developmentSampleReport(0), undertaking: full.undertaking };
const facts = reportFacts(full, { previous }).facts.length;
console.log(`full report: ${facts} facts (every catalogue datapoint, with the previous year's comparatives)`);
measure("inline XBRL export, full report (facts + XHTML)", 300, () => serializeInlineXbrl(reportFacts(full, { previous })));
measure("xBRL-JSON export, full report", 300, () => {
  const f = reportFacts(full, { previous });
  return serializeXbrlJson(f.frame, f.facts);
});
measure("CSV export, full report", 300, () => serializeCsv(reportFacts(full, { previous }).facts));

const workbook = join(import.meta.dir, "..", "..", "shared", "reference", "efrag", "digital-template", "VSME-Digital-Template-Sample-1.3.0.xlsx");
if (existsSync(workbook)) {
  const data = new Uint8Array(readFileSync(workbook));
  const sample = readTemplate(data);
  measure(`inline XBRL of EFRAG's sample (${sample.facts.length} facts)`, 300, () =>
    serializeInlineXbrl({
      frame: { entityName: "Company XYZ", identifier: sample.identifier!, period: sample.period!, currency: "EUR", year: 2026 },
      sections: [],
      facts: sample.facts,
    }),
  );
  measure("reading EFRAG's sample Digital Template (0.8 MB .xlsx)", 20, () => readTemplate(data));
} else {
  console.log("(EFRAG sample workbook not found next to the repository: template figures skipped)");
}
