/** The organization at a glance: emissions, intensity against the sector, energy mix, workforce, completeness. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LineChart, StackedBarChart } from "../components/charts";
import { requireTenant } from "../utils/auth.server";
import { useShell } from "../utils/shell";
import type { RouteHandle } from "../utils/access";

export const handle = { access: { loader: "reports:read" }, reusablePage: true } satisfies RouteHandle;
export const meta: MetaFunction = () => [{ title: "Dashboard — VSME Guru" }];

type Sections = Record<string, Record<string, unknown> & { status?: string }>;
const reported = (sections: Sections, key: string) => (sections[key]?.status === "reported" ? sections[key] : undefined);
const num = (value: unknown): number | null => (typeof value === "number" ? value : null);
const at = (source: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), source);

export async function loader(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:read");
  const [page, company] = await Promise.all([
    repos.reports.list({ sort: { field: "year", direction: "desc" }, limit: 10 }),
    repos.companies.current(),
  ]);
  const reports = [...page.items].reverse();
  const years = reports.map((r) => String(r.year));
  const ghg = reports.map((r) => reported(r.sections as Sections, "energyAndEmissions")?.ghg);
  const workforce = reports.map((r) => reported(r.sections as Sections, "workforce"));
  const latest = reports.at(-1);
  const energy = latest ? reported(latest.sections as Sections, "energyAndEmissions")?.energy : undefined;
  return {
    years,
    emissions: {
      scope1: ghg.map((g) => num(at(g, "grossScope1.value"))),
      scope2: ghg.map((g) => num(at(g, "grossScope2LocationBased.value"))),
      scope3: reports.map((r, i) => num(at(ghg[i], "grossScope3.value"))),
    },
    intensity: {
      own: reports.map((r) => r.metrics.ghgIntensityLocationBased),
      unit: latest?.metrics.intensityUnit ?? "tCO2e per million EUR",
      benchmark: company?.sectorIntensity
        ? { value: company.sectorIntensity.value, unit: company.sectorIntensity.unit, code: company.sectorIntensity.matchedCode, source: company.sectorIntensity.source, year: company.sectorIntensity.year }
        : null,
    },
    energyMix: latest
      ? {
          year: latest.year,
          sources: ["electricity", "selfGeneratedElectricity", "fuels"],
          renewable: ["electricity", "selfGeneratedElectricity", "fuels"].map((s) => num(at(energy, `breakdown.${s}.renewable`))),
          nonRenewable: ["electricity", "selfGeneratedElectricity", "fuels"].map((s) => num(at(energy, `breakdown.${s}.nonRenewable`))),
        }
      : null,
    gender: {
      male: workforce.map((w) => num(at(w, "byGender.male"))),
      female: workforce.map((w) => num(at(w, "byGender.female"))),
      other: workforce.map((w) => num(at(w, "byGender.other"))),
    },
    completeness: reports.map((r) => r.metrics.completeness.percent),
  };
}

const SOURCE_LABEL: Record<string, string> = { electricity: "Electricity", selfGeneratedElectricity: "Self-generated", fuels: "Fuels" };

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { locale } = useShell();
  if (d.years.length === 0) {
    return (
      <section aria-labelledby="dashboard-title">
        <h1 id="dashboard-title">Dashboard</h1>
        <p>
          Charts appear once there is a report. <Link to="/reports">Start your first report</Link>.
        </p>
      </section>
    );
  }
  const benchmark = d.intensity.benchmark;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      <div className="chart-grid">
        <StackedBarChart
          id="emissions"
          title="Emissions by scope per year"
          description="Gross Scope 1, Scope 2 (location-based) and Scope 3 emissions stacked per reporting year."
          unit="tCO2e"
          locale={locale}
          categories={d.years}
          series={[
            { key: "scope1", label: "Scope 1", className: "series-1" },
            { key: "scope2", label: "Scope 2", className: "series-2" },
            { key: "scope3", label: "Scope 3", className: "series-3" },
          ]}
          values={d.emissions}
        />
        <div>
          <LineChart
            id="intensity"
            title="GHG intensity per year against the sector"
            description={`Scope 1 and 2 emissions per million of turnover per year${benchmark ? `, and the sector average for NACE ${benchmark.code} per million EUR of gross value added (${benchmark.source}, ${benchmark.year})` : ""}.`}
            unit="tCO2e per million EUR"
            locale={locale}
            categories={d.years}
            series={[
              { key: "own", label: "Your intensity (per EUR of turnover)", className: "series-1" },
              ...(benchmark ? [{ key: "benchmark", label: "Sector (per EUR of gross value added)", className: "series-benchmark" }] : []),
            ]}
            values={{ own: d.intensity.own, benchmark: d.years.map(() => benchmark?.value ?? null) }}
          />
          <p className="chart-note">
            {benchmark
              ? `Sector benchmark: ${benchmark.unit} — g per EUR equals t per million EUR. Its basis is gross value added, yours is turnover: compare trends rather than levels.`
              : "No sector benchmark: save the company's NACE code to look one up."}
          </p>
        </div>
        {d.energyMix ? (
          <StackedBarChart
            id="energy"
            title={`Energy mix ${d.energyMix.year}`}
            description="Energy consumption by source, split into renewable and non-renewable."
            unit="MWh"
            locale={locale}
            categories={d.energyMix.sources.map((s) => SOURCE_LABEL[s] ?? s)}
            series={[
              { key: "renewable", label: "Renewable", className: "series-renewable" },
              { key: "nonRenewable", label: "Non-renewable", className: "series-2" },
            ]}
            values={{ renewable: d.energyMix.renewable, nonRenewable: d.energyMix.nonRenewable }}
          />
        ) : null}
        <StackedBarChart
          id="workforce"
          title="Workforce by gender"
          description="Employees by gender per reporting year."
          unit="employees"
          locale={locale}
          categories={d.years}
          series={[
            { key: "female", label: "Female", className: "series-1" },
            { key: "male", label: "Male", className: "series-2" },
            { key: "other", label: "Other", className: "series-3" },
          ]}
          values={d.gender}
        />
        <StackedBarChart
          id="completeness"
          title="Completeness per report"
          description="Share of required datapoints filled in, per report."
          unit="%"
          locale={locale}
          categories={d.years}
          series={[{ key: "percent", label: "Complete", className: "series-renewable" }]}
          values={{ percent: d.completeness }}
        />
      </div>
    </section>
  );
}
