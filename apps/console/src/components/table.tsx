/** The header row every console table shares; `actions` adds the column of row buttons (write access only). */
export function ColumnHeads({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {actions && <th scope="col">Actions</th>}
      </tr>
    </thead>
  );
}

/** Previous/next buttons over a cursor stack: `cursors` are the pages already left behind. */
export function CursorPager({
  cursors,
  nextCursor,
  onChange,
  backLabel,
  forwardLabel,
}: {
  cursors: string[];
  nextCursor: string | null | undefined;
  onChange: (cursors: string[]) => void;
  backLabel: string;
  forwardLabel: string;
}) {
  return (
    <div className="pager">
      {cursors.length > 0 && (
        <button type="button" onClick={() => onChange(cursors.slice(0, -1))}>
          {backLabel}
        </button>
      )}
      {nextCursor && (
        <button type="button" onClick={() => onChange([...cursors, nextCursor])}>
          {forwardLabel}
        </button>
      )}
    </div>
  );
}

/** A timestamp in the operator's locale, or `missing` when there is none. */
export const localTime = (iso: string | null | undefined, missing = '') =>
  iso ? new Date(iso).toLocaleString() : missing;
