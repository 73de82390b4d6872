/** Placeholder until the page is built. */
export function MfaPage() {
  return <section><h1>Mfa</h1><p>Not built yet.</p></section>;
}
