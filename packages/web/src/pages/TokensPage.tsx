/** Placeholder until the page is built. */
export function TokensPage() {
  return <section><h1>Tokens</h1><p>Not built yet.</p></section>;
}
