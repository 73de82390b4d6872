/** Upper bounds (seconds) of the request-duration histogram. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  method: string;
  route: string;
  status: string;
  count: number;
  sum: number;
  buckets: number[];
}

/** Request counts and durations by method, declared route and status, rendered as Prometheus text. */
export class HttpMetrics {
  readonly #series = new Map<string, Series>();
  readonly #startedAt = Date.now() / 1000;

  /** Records one finished request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    let s = this.#series.get(key);
    if (!s) {
      s = { method, route, status: String(status), count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.#series.set(key, s);
    }
    s.count++;
    s.sum += seconds;
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) s.buckets[i]!++;
    });
  }

  /** The Prometheus text exposition (version 0.0.4). */
  render(): string {
    const lines: string[] = [];
    lines.push('# HELP duohub_http_requests_total HTTP requests by method, route and status.');
    lines.push('# TYPE duohub_http_requests_total counter');
    const sorted = [...this.#series.values()].sort((a, b) =>
      `${a.route}${a.method}${a.status}`.localeCompare(`${b.route}${b.method}${b.status}`),
    );
    for (const s of sorted) lines.push(`duohub_http_requests_total{${labels(s)}} ${s.count}`);
    lines.push('# HELP duohub_http_request_duration_seconds HTTP request duration by method, route and status.');
    lines.push('# TYPE duohub_http_request_duration_seconds histogram');
    for (const s of sorted) {
      BUCKETS.forEach((le, i) => lines.push(`duohub_http_request_duration_seconds_bucket{${labels(s)},le="${le}"} ${s.buckets[i]}`));
      lines.push(`duohub_http_request_duration_seconds_bucket{${labels(s)},le="+Inf"} ${s.count}`);
      lines.push(`duohub_http_request_duration_seconds_sum{${labels(s)}} ${s.sum}`);
      lines.push(`duohub_http_request_duration_seconds_count{${labels(s)}} ${s.count}`);
    }
    lines.push('# HELP duohub_process_start_time_seconds Start time of the hub process.');
    lines.push('# TYPE duohub_process_start_time_seconds gauge');
    lines.push(`duohub_process_start_time_seconds ${this.#startedAt}`);
    return lines.join('\n') + '\n';
  }
}

function labels(s: Series): string {
  return `method="${escape(s.method)}",route="${escape(s.route)}",status="${s.status}"`;
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
