// First: turns zod's eval probe off before any schema runs (see the file).
import './zod-jitless'
import { convert, targets, type ConversionResult } from '@/lib/backends'
import { pipelines } from '@/lib/pipelines'
import { parseSigma, resolveCollection, type Diagnostic } from '@/lib/sigma'

export interface TargetChoice {
  readonly id: string
  readonly label: string
  readonly pipelines: readonly { readonly id: string; readonly label: string }[]
  readonly formats: readonly string[]
}

/** Every target, with its pipelines labelled, for the converter's menus. */
export const TARGETS: readonly TargetChoice[] = targets.map((t) => ({
  id: t.id,
  label: t.label,
  pipelines: t.pipelines.map((id) => ({ id, label: pipelines[id]?.label ?? id })),
  formats: t.formats,
}))

export interface Converted {
  /** Every problem of the text, located (line and column in the text). */
  readonly diagnostics: readonly Diagnostic[]
  /** Which document was converted: the correlation if there is one, else the first rule. */
  readonly document: { readonly title: string; readonly type: string } | null
  /** One result per target, in `TARGETS` order. */
  readonly results: readonly ConversionResult[]
}

/**
 * What `atlas convert --target <t> [--pipeline <p>] [--format <f>]` gives for
 * the text, for every target at once: the same parse, resolution and
 * conversion, run in the browser.
 */
export function convertText(
  text: string,
  choice: { pipelines: Readonly<Record<string, string>>; formats: Readonly<Record<string, string>> },
  file = 'rule.yml',
): Converted {
  const { collection } = resolveCollection([parseSigma(text, file)])
  const document =
    collection.documents.find((d) => d.type === 'correlation') ?? collection.documents.find((d) => d.type === 'rule') ?? null
  const results = document
    ? TARGETS.map((t) => {
        const pipeline = choice.pipelines[t.id]
        const format = choice.formats[t.id]
        return convert(document, collection, {
          target: t.id,
          ...(pipeline && t.pipelines.some((p) => p.id === pipeline) ? { pipeline } : {}),
          format: format && t.formats.includes(format) ? format : 'default',
        })
      })
    : []
  return {
    diagnostics: collection.diagnostics,
    document: document ? { title: document.title, type: document.type } : null,
    results,
  }
}
