/** Placeholder until the page is built. */
export function ActionsPage() {
  return <section><h1>Actions</h1><p>Not built yet.</p></section>;
}
