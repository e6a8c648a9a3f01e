import { LineCounter, parseDocument } from 'yaml'
import type { Diagnostic } from '../sigma/diagnostics'
import { PipelineSchema, type Pipeline } from './pipeline'

export type LoadPipelineResult =
  | { readonly ok: true; readonly pipeline: Pipeline }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

/**
 * Reads a user's pipeline file (YAML, or JSON, which is YAML too) and
 * validates it. Every problem is a located diagnostic; never throws.
 */
export function loadPipeline(text: string, file: string): LoadPipelineResult {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { file, start: { line, column: col, offset } }
  }
  if (document.errors.length > 0) {
    return {
      ok: false,
      diagnostics: document.errors.map((e) => ({
        severity: 'error' as const,
        code: 'pipeline-syntax',
        message: e.message.split('\n')[0]!,
        location: at(e.pos[0]),
      })),
    }
  }
  const parsed = PipelineSchema.safeParse(document.toJS())
  if (parsed.success) return { ok: true, pipeline: parsed.data }
  return {
    ok: false,
    diagnostics: parsed.error.issues.map((issue) => {
      const node = document.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined
      const offset = node && typeof node === 'object' && node.range ? node.range[0] : 0
      const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : ''
      return { severity: 'error' as const, code: 'pipeline-schema', message: where + issue.message, location: at(offset) }
    }),
  }
}
