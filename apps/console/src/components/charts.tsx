import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { creditsForChart, formatCredits, sumMicro } from '../money/money';

// recharts: React components over D3 scales, kept by a large community, SVG with a keyboard
// accessibility layer; the pages that draw charts load it in their own chunk (see main.tsx).
const SERIES_COLOURS = ['#1f5fbf', '#b5540b', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#6d4c41', '#455a64'];

export interface DailyPoint {
  day: string;
  /** Micro-credits per series name. */
  values: Record<string, string>;
}

/** Spend per day as bars (stacked when there are several series); figures as exact credits in the tooltip. */
export function DailyBarChart({ title, points, series }: { title: string; points: DailyPoint[]; series: string[] }) {
  const total = sumMicro(points.flatMap((p) => Object.values(p.values)));
  const data = points.map((p) => ({
    day: p.day.slice(5),
    ...Object.fromEntries(series.map((name) => [name, creditsForChart(p.values[name] ?? '0')])),
    micro: p.values,
  }));
  return (
    <figure className="chart" aria-label={`${title}: ${formatCredits(total)} credits in all`}>
      <figcaption>
        {title} <span className="total">({formatCredits(total)} credits in all)</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 11 }} width={56} />
          <Tooltip
            formatter={(_value, name, item) => {
              const micro = (item.payload as { micro: Record<string, string> }).micro[String(name)] ?? '0';
              return [`${formatCredits(micro)} credits`, String(name)];
            }}
          />
          {series.length > 1 && <Legend />}
          {series.map((name, i) => (
            <Bar
              key={name}
              dataKey={name}
              stackId="spend"
              fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** 30 days of spend in a table row: a plain SVG polyline (100 rows of a chart component would be heavy). */
export function Sparkline({ values, label }: { values: readonly string[]; label: string }) {
  const width = 90;
  const height = 22;
  const points = values.map((v) => creditsForChart(v));
  const max = Math.max(...points, 0);
  const step = points.length > 1 ? width / (points.length - 1) : width;
  const line = points
    .map((p, i) => `${(i * step).toFixed(1)},${(height - 1 - (max > 0 ? (p / max) * (height - 2) : 0)).toFixed(1)}`)
    .join(' ');
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <polyline points={line} fill="none" stroke="#1f5fbf" strokeWidth="1.5" />
    </svg>
  );
}
