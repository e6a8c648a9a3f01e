/**
 * The queries panel of a rule page (`[data-query-tabs]`, components/query-tabs.tsx):
 * one tab per target, each with its own anchor (`#splunk` opens that tab), arrow-key
 * navigation between tabs, a pipeline switch remembered in localStorage and
 * output-format buttons. Each target's default query is in the page; the other
 * pipelines and the output formats are placeholders (`[data-slot]`) filled from the
 * rule's `queries.html` the first time a reader asks for one.
 */

const pipelineKey = (target: string) => `atlas:pipeline:${target}`

export function installQueryTabs(doc: Document): void {
  for (const root of doc.querySelectorAll<HTMLElement>('[data-query-tabs]')) enhance(root)
}

function enhance(root: HTMLElement): void {
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
  const panel = (tab: HTMLButtonElement) => root.querySelector<HTMLElement>(`#${CSS.escape(tab.getAttribute('aria-controls') ?? '')}`)
  let loading: Promise<void> | undefined

  const load = () => (loading ??= fillSlots(root, root.dataset.deferredUrl ?? ''))

  const showVariant = (target: HTMLElement) => {
    const pipeline = target.querySelector<HTMLSelectElement>('select[data-pipeline-select]')?.value ?? target.dataset.defaultPipeline ?? ''
    const format = target.querySelector('[data-format-button][aria-pressed="true"]')?.getAttribute('data-format-button') ?? target.dataset.defaultFormat ?? ''
    for (const variant of target.querySelectorAll<HTMLElement>('[data-variant]')) {
      const shown = variant.dataset.pipeline === pipeline && variant.dataset.format === format
      variant.hidden = !shown
      if (shown && variant.querySelector('[data-slot]')) void load()
    }
  }

  const select = (tab: HTMLButtonElement, focus = false) => {
    for (const other of tabs) {
      const selected = other === tab
      other.setAttribute('aria-selected', String(selected))
      other.tabIndex = selected ? 0 : -1
      const body = panel(other)
      if (body) body.hidden = !selected
    }
    if (focus) tab.focus()
  }

  const fromHash = () => {
    const id = decodeURIComponent(window.location.hash.slice(1))
    const tab = tabs.find((t) => t.getAttribute('aria-controls') === id)
    if (!tab) return
    select(tab)
    root.ownerDocument.getElementById('queries')?.scrollIntoView({ block: 'start' })
  }

  // A reader's choice goes into the URL fragment, so a copied link opens the same tab.
  const choose = (tab: HTMLButtonElement, focus = false) => {
    select(tab, focus)
    window.history.replaceState(window.history.state, '', `#${tab.getAttribute('aria-controls')}`)
  }
  for (const tab of tabs) {
    tab.addEventListener('click', () => choose(tab))
    tab.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(tab)
      const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }
      const next = moves[event.key]
      if (next === undefined) return
      event.preventDefault()
      choose(tabs[(next + tabs.length) % tabs.length]!, true)
    })
  }

  for (const target of root.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
    const choice = target.querySelector<HTMLSelectElement>('select[data-pipeline-select]')
    if (choice) {
      const key = pipelineKey(target.id)
      const stored = readStorage(key)
      if (stored && [...choice.options].some((o) => o.value === stored)) choice.value = stored
      choice.addEventListener('change', () => {
        writeStorage(key, choice.value)
        showVariant(target)
      })
    }
    for (const button of target.querySelectorAll<HTMLButtonElement>('[data-format-button]')) {
      button.addEventListener('click', () => {
        for (const other of target.querySelectorAll('[data-format-button]')) other.setAttribute('aria-pressed', String(other === button))
        showVariant(target)
      })
    }
    showVariant(target)
  }

  fromHash()
  window.addEventListener('hashchange', fromHash)
}

/** Fetches the deferred variants once and moves each into its placeholder. */
async function fillSlots(root: HTMLElement, url: string): Promise<void> {
  const slots = [...root.querySelectorAll<HTMLElement>('[data-slot]')]
  try {
    const response = await fetch(url)
    if (!response.ok) throw new Error(String(response.status))
    const fragment = root.ownerDocument.createElement('template')
    fragment.innerHTML = await response.text()
    for (const slot of slots) {
      const filled = fragment.content.querySelector(`[data-variant-body="${CSS.escape(slot.dataset.slot ?? '')}"]`)
      if (filled) slot.replaceWith(filled)
      else slot.textContent = 'Not converted.'
    }
  } catch {
    for (const slot of slots) {
      slot.textContent = `Could not load the output formats (${url}).`
      slot.className = 'text-sm text-red-600'
    }
  }
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // Storage may be off: the choice then lasts for this page.
  }
}
