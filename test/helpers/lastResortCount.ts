/** Sum of `tdu_uncaught_errors_total` in a /metrics text: errors the last-resort handler caught (must stay 0). */
export function lastResortCount(metricsText: string): number {
  return metricsText
    .split('\n')
    .filter((line) => line.startsWith('tdu_uncaught_errors_total'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** Fetches /metrics of `baseUrl` and returns {@link lastResortCount}. */
export async function fetchLastResortCount(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return lastResortCount(await res.text());
}
