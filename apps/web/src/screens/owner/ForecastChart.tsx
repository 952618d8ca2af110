import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { money } from '../../components/format';

export interface ForecastPoint {
  freelancers: number;
  p50DurationDays: number;
  p90DurationDays: number;
  p50Cost: { amountCents: number; currency: string };
  p90Cost: { amountCents: number; currency: string };
}

/** P50/P90 duration and cost for 1..N freelancers (lazy-loaded: recharts is heavy). */
export default function ForecastChart({ points }: { points: ForecastPoint[] }) {
  const rows = points.map((p) => ({
    freelancers: p.freelancers,
    p50Days: p.p50DurationDays,
    p90Days: p.p90DurationDays,
    p50Cost: p.p50Cost.amountCents / 100,
    p90Cost: p.p90Cost.amountCents / 100,
  }));
  return (
    <div>
      <h3 id="duration-title">Calendar duration (days) by number of freelancers</h3>
      <div style={{ width: '100%', height: 260 }} role="img" aria-labelledby="duration-title">
        <ResponsiveContainer>
          <LineChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="freelancers"
              label={{ value: 'freelancers', position: 'insideBottom', offset: -4 }}
            />
            <YAxis />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="p50Days" name="P50 days" stroke="#0b57d0" />
            <Line type="monotone" dataKey="p90Days" name="P90 days" stroke="#a50e0e" />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <h3 id="cost-title">Cost by number of freelancers</h3>
      <div style={{ width: '100%', height: 260 }} role="img" aria-labelledby="cost-title">
        <ResponsiveContainer>
          <BarChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="freelancers" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Bar dataKey="p50Cost" name="P50 cost" fill="#0b57d0" />
            <Bar dataKey="p90Cost" name="P90 cost" fill="#a50e0e" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table>
        <caption>Forecast figures</caption>
        <thead>
          <tr>
            <th scope="col">Freelancers</th>
            <th scope="col">P50 days</th>
            <th scope="col">P90 days</th>
            <th scope="col">P50 cost</th>
            <th scope="col">P90 cost</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.freelancers}>
              <td>{p.freelancers}</td>
              <td>{p.p50DurationDays.toFixed(1)}</td>
              <td>{p.p90DurationDays.toFixed(1)}</td>
              <td>{money(p.p50Cost)}</td>
              <td>{money(p.p90Cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
