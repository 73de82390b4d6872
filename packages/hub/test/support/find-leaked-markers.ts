/**
 * The markers of another organization that appear in an answer (body, CSV or event stream text).
 * Case-insensitive: names may come back re-cased (CSV headers, normalized names). Markers shorter
 * than 4 characters are refused, since they would match by accident.
 */
export function findLeakedMarkers(text: string, markers: readonly string[]): string[] {
  const haystack = text.toLowerCase();
  return markers.filter((m) => {
    if (m.length < 4) throw new Error(`marker too short to be meaningful: ${JSON.stringify(m)}`);
    return haystack.includes(m.toLowerCase());
  });
}
