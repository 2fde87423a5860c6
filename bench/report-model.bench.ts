/**
 * The report model's hot path: validating a fully filled report (every datapoint of Option B, the schema's rules,
 * 24(b) omission check) and computing its metrics (derived datapoints, completeness walked from the catalogue,
 * warnings, comparatives with the previous year). Target: < 2 ms p50 for both together.
 */
import { ReportInputSchema, computeReportMetrics } from "../schemas/report";
import { fullReportInput } from "../tests/fixtures/full-report";

function measure(label: string, runs: number, work: () => unknown) {
  for (let i = 0; i < 200; i++) work(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`${label.padEnd(64)} p50 ${at(0.5).toFixed(3).padStart(7)} ms   p95 ${at(0.95).toFixed(3).padStart(7)} ms   (${runs} runs)`);
  return at(0.5);
}

const input = fullReportInput();
const lastYear = ReportInputSchema.parse({ ...fullReportInput(), year: 2023, period: { start: "2023-01-01", end: "2023-12-31" } });
const previous = { ...lastYear, metrics: computeReportMetrics(lastYear) };
const context = { undertaking: { legalForm: "cooperative" }, previous };

measure("validate a full report (ReportInputSchema)", 2_000, () => ReportInputSchema.parse(input));
const parsed = ReportInputSchema.parse(input);
measure("compute metrics of a full report (completeness, warnings, comparatives)", 2_000, () => computeReportMetrics(parsed, context));
const p50 = measure("validate + compute metrics, full report", 2_000, () => computeReportMetrics(ReportInputSchema.parse(input), context));
console.log(`target < 2 ms p50: ${p50 < 2 ? "met" : "NOT met"} (${p50.toFixed(3)} ms)`);
