/**
 * Copy buttons (`button[data-copy]`, rendered by components/copy-button.tsx): copies
 * exactly the button's `data-copy` text — the string the page shows, never its HTML —
 * and says so, on the button and to screen readers through one live region. Without
 * the Clipboard API (a page opened over plain http from a file share) it copies through
 * a hidden textarea; if the browser refuses that too, it shows the text selected in a
 * box beside the button, to copy with Ctrl+C. Delegated from the document, so buttons
 * added later (deferred query panels, the converter) need no set-up.
 */

const COPIED_MS = 2000

export function installCopyButtons(doc: Document): void {
  doc.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button[data-copy]')
    if (button instanceof HTMLButtonElement) void copy(button)
  })
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const text = button.dataset.copy ?? ''
  let copied = false
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      copied = true
    }
  } catch {
    copied = false
  }
  if (!copied) copied = copyThroughTextarea(button.ownerDocument, text)
  if (copied) showCopied(button)
  else showManual(button, text)
}

function showCopied(button: HTMLButtonElement): void {
  const label = button.querySelector('[data-copy-label]')
  announce(button.ownerDocument, 'Copied to the clipboard')
  if (!label) return
  label.textContent = 'Copied ✓'
  clearTimeout(Number(button.dataset.copyTimer))
  button.dataset.copyTimer = String(setTimeout(() => (label.textContent = 'Copy'), COPIED_MS))
}

function showManual(button: HTMLButtonElement, text: string): void {
  const doc = button.ownerDocument
  announce(doc, 'Could not copy: the text is selected, press Control+C')
  const box = doc.createElement('span')
  box.className = 'copy-manual'
  box.textContent = 'The browser did not allow copying: press Ctrl+C (⌘C) to copy the selected text.'
  const area = doc.createElement('textarea')
  area.readOnly = true
  area.value = text
  area.setAttribute('aria-label', `${button.dataset.copyName ?? 'Text'} to copy`)
  area.addEventListener('blur', () => box.remove())
  box.append(area)
  button.parentElement?.after(box)
  area.focus()
  area.select()
}

/** The page's one polite live region, created on first use. */
function announce(doc: Document, message: string): void {
  let region = doc.getElementById('copy-status')
  if (!region) {
    region = doc.createElement('span')
    region.id = 'copy-status'
    region.setAttribute('role', 'status')
    region.className = 'sr-only'
    doc.body.append(region)
  }
  region.textContent = message
}

/** Copies through a selected, off-screen textarea: works where the Clipboard API does not exist. */
function copyThroughTextarea(doc: Document, text: string): boolean {
  const focused = doc.activeElement as HTMLElement | null
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.insetInlineStart = '-9999px'
  area.style.opacity = '0'
  doc.body.append(area)
  area.select()
  let ok = false
  try {
    ok = doc.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  focused?.focus()
  return ok
}
