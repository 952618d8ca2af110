export interface CoverageProps {
  requirements: { id: string; text: string; flags: string[]; kind: string }[];
  entries: { requirementId: string; taskKeys: string[] }[];
  uncovered: string[];
  coveragePercent: number;
}

/** Each requirement with its tasks; uncovered ones and weak ones (flagged, or one task only) stand out. */
export function CoverageTable({
  requirements,
  entries,
  uncovered,
  coveragePercent,
}: CoverageProps) {
  const tasksOf = new Map(entries.map((e) => [e.requirementId, e.taskKeys]));
  const missing = new Set(uncovered);
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">Coverage: {Math.round(coveragePercent)}%</h2>
      <table>
        <caption className="sr-only">
          Requirements of the brief and the tasks that cover them
        </caption>
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Tasks</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {requirements.map((r) => {
            const tasks = tasksOf.get(r.id) ?? [];
            const state =
              missing.has(r.id) || tasks.length === 0
                ? 'uncovered'
                : r.flags.length > 0
                  ? 'weak'
                  : 'covered';
            return (
              <tr key={r.id} className={state === 'covered' ? undefined : state}>
                <td>
                  <strong>{r.id}</strong> {r.text}
                </td>
                <td>{tasks.join(', ') || '—'}</td>
                <td>
                  {state === 'uncovered'
                    ? 'Not covered'
                    : state === 'weak'
                      ? `Weak: ${r.flags.join(', ')}`
                      : 'Covered'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
