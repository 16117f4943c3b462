import Link from 'next/link';

/**
 * "Showing 51–100 of 230" with previous/next links that keep the other query parameters; `hash` scrolls
 * the links back to the list when it is not at the top of the page.
 */
export function Pager({ path, params, page, pageSize, total, hash }: { path: string; params: Record<string, string | undefined>; page: number; pageSize: number; total: number; hash?: string }) {
  if (total <= pageSize && page === 1) return null;
  const href = (to: number) => {
    const query = new URLSearchParams(Object.entries({ ...params, page: to > 1 ? String(to) : undefined }).filter((e): e is [string, string] => !!e[1]));
    return `${path}${query.size ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
  };
  const first = Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);
  const link = 'rounded-md px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-slate-50';
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
      <span>
        Showing {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}
      </span>
      <span className="flex gap-2">
        {page > 1 && <Link href={href(page - 1)} className={link}>← Previous</Link>}
        {last < total && <Link href={href(page + 1)} className={link}>Next →</Link>}
      </span>
    </nav>
  );
}

/** The page number from a query parameter: a positive integer, anything else is page 1. */
export function pageNumber(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}
