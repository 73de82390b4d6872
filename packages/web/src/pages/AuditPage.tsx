/** Placeholder until the page is built. */
export function AuditPage() {
  return <section><h1>Audit</h1><p>Not built yet.</p></section>;
}
