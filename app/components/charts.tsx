/**
 * Server-rendered SVG charts: no JavaScript needed, each with a title, a description and the same numbers as a
 * table for screen readers and people who prefer reading them.
 */
import type { ReactNode } from "react";
import { formatNumber } from "../utils/locale";

export interface Series {
  key: string;
  label: string;
  /** CSS class giving the colour (see app.css .series-*), so the palette lives in one place. */
  className: string;
}

export interface ChartProps {
  id: string;
  title: string;
  description: string;
  unit: string;
  locale: string;
  categories: string[];
  series: Series[];
  /** values[series.key][categoryIndex] */
  values: Record<string, (number | null)[]>;
}

const WIDTH = 480;
const HEIGHT = 240;
const PAD = { top: 16, right: 12, bottom: 36, left: 56 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

function ChartFrame({ id, title, description, children, table }: { id: string; title: string; description: string; children: ReactNode; table: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-svg-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      <details className="chart-table">
        <summary>Show the numbers as a table</summary>
        {table}
      </details>
    </figure>
  );
}

function DataTable({ title, unit, locale, categories, series, values }: Omit<ChartProps, "id" | "description">) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>
          {title} ({unit})
        </caption>
        <thead>
          <tr>
            <th scope="col"></th>
            {series.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category, index) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              {series.map((s) => {
                const value = values[s.key]?.[index];
                return <td key={s.key}>{value === null || value === undefined ? "—" : formatNumber(value, locale)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <g className="legend" aria-hidden="true">
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${PAD.left + i * 120}, ${HEIGHT - 12})`}>
          <rect width="10" height="10" y="-9" className={s.className} />
          <text x="14" className="chart-label">
            {s.label}
          </text>
        </g>
      ))}
    </g>
  );
}

function Axis({ max, unit, locale }: { max: number; unit: string; locale: string }) {
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  return (
    <g aria-hidden="true">
      {[0, 0.5, 1].map((fraction) => {
        const y = PAD.top + plotHeight * (1 - fraction);
        return (
          <g key={fraction}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} className="grid-line" />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="chart-label">
              {formatNumber(max * fraction, locale, 1)}
            </text>
          </g>
        );
      })}
      <text x={4} y={PAD.top - 4} className="chart-label">
        {unit}
      </text>
    </g>
  );
}

/** Bars per category, the series stacked on each other. */
export function StackedBarChart(props: ChartProps) {
  const { categories, series, values } = props;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (values[s.key]?.[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(categories.length, 1);
  const barWidth = Math.min(48, slot * 0.6);
  return (
    <ChartFrame id={props.id} title={props.title} description={props.description} table={<DataTable {...props} />}>
      <Axis max={max} unit={props.unit} locale={props.locale} />
      {categories.map((category, i) => {
        let base = 0;
        const x = PAD.left + slot * i + (slot - barWidth) / 2;
        return (
          <g key={category}>
            {series.map((s) => {
              const value = values[s.key]?.[i] ?? 0;
              const height = (value / max) * plotHeight;
              const y = PAD.top + plotHeight - ((base + value) / max) * plotHeight;
              base += value;
              return value > 0 ? <rect key={s.key} x={x} y={y} width={barWidth} height={height} className={s.className} /> : null;
            })}
            <text x={x + barWidth / 2} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="chart-label">
              {category}
            </text>
          </g>
        );
      })}
      <Legend series={series} />
    </ChartFrame>
  );
}

/** Lines per series across the categories (e.g. own intensity vs the sector benchmark). */
export function LineChart(props: ChartProps) {
  const { categories, series, values } = props;
  const all = series.flatMap((s) => values[s.key] ?? []).filter((v): v is number => v !== null);
  const max = niceMax(Math.max(0, ...all));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = categories.length > 1 ? plotWidth / (categories.length - 1) : 0;
  const x = (i: number) => PAD.left + (categories.length > 1 ? step * i : plotWidth / 2);
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight;
  return (
    <ChartFrame id={props.id} title={props.title} description={props.description} table={<DataTable {...props} />}>
      <Axis max={max} unit={props.unit} locale={props.locale} />
      {series.map((s) => {
        const points = (values[s.key] ?? []).map((v, i) => (v === null ? null : ([x(i), y(v)] as const))).filter((p) => p !== null);
        return (
          <g key={s.key} className={s.className}>
            {points.length > 1 ? <polyline fill="none" strokeWidth="2" points={points.map(([px, py]) => `${px},${py}`).join(" ")} className="chart-line" /> : null}
            {points.map(([px, py]) => (
              <circle key={`${px}`} cx={px} cy={py} r="4" />
            ))}
          </g>
        );
      })}
      {categories.map((category, i) => (
        <text key={category} x={x(i)} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="chart-label">
          {category}
        </text>
      ))}
      <Legend series={series} />
    </ChartFrame>
  );
}
