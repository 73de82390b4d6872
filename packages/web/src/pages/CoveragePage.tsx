/** Placeholder until the page is built. */
export function CoveragePage() {
  return <section><h1>Coverage</h1><p>Not built yet.</p></section>;
}
