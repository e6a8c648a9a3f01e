/** The marks of a building-block and a deprecated rule, as the rule page and the search results show them. */
export function BuildingBlockBadge() {
  return (
    <span
      className="rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900 dark:bg-sky-900/40 dark:text-sky-200"
      title="Feeds other rules and raises no alert of its own"
    >
      building block
    </span>
  )
}

export function DeprecatedBadge({ date }: { date?: string | undefined }) {
  return (
    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">
      deprecated{date ? ` ${date}` : ''}
    </span>
  )
}
