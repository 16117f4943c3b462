/**
 * The portal's data table: a bordered, horizontally scrolling table with a small-caps header row.
 * A column given as `{ hidden: 'Actions' }` has a header only screen readers hear.
 */
export function Table({ columns, children, scroll = false }: { columns: (string | { hidden: string })[]; children: React.ReactNode; scroll?: boolean }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white ${scroll ? 'max-h-96 overflow-auto' : 'overflow-x-auto'}`}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className={`bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 ${scroll ? 'sticky top-0' : ''}`}>
          <tr>
            {columns.map((c) => (
              <th key={typeof c === 'string' ? c : c.hidden} scope="col" className="px-3 py-2">
                {typeof c === 'string' ? c : <span className="sr-only">{c.hidden}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
