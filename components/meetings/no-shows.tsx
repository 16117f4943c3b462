/** How many names are listed inline; a longer list opens on demand. */
const INLINE = 50;

/**
 * The invited guests who did not come: all of them (the list is bounded by the attendance query), inline
 * when short, behind "Show all N" when long.
 */
export function NoShows({ people }: { people: { name: string; email: string }[] }) {
  if (people.length === 0) return null;
  const label = (p: { name: string; email: string }) => p.name || p.email;
  if (people.length <= INLINE) {
    return (
      <p className="text-sm text-slate-700">
        <span className="font-medium">Did not come:</span> {people.map(label).join(', ')}
      </p>
    );
  }
  return (
    <details className="text-sm text-slate-700">
      <summary className="cursor-pointer">
        <span className="font-medium">Did not come:</span> {people.length.toLocaleString('en')} invited guests — show all
      </summary>
      <ul className="mt-2 max-h-96 columns-1 gap-6 overflow-y-auto sm:columns-2" aria-label="Invited guests who did not come">
        {people.map((p, i) => (
          <li key={i} className="break-inside-avoid py-0.5">
            {label(p)}
            {p.name && <span className="text-slate-500"> · {p.email}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
