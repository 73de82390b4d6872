/** Whether `name` matches a glob of `*` (any run) and `?` (one character), ignoring case (pure). */
export function matchNamePattern(pattern: string, name: string): boolean {
  const source = [...pattern.trim()]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'isu').test(name.trim());
}
