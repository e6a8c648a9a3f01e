import type { Diagnostic } from './diagnostics'
import type { Location } from './position'

/**
 * The limits that keep hostile input from hanging or crashing a build, in one place
 * (the README's "Hardening" section lists them). Each is far above what real rules need:
 * measured on ../shared/corpus (3,141 Sigma, 2,192 Elastic rules) and content/ in 2026-11.
 */
export const LIMITS = {
  /**
   * Bytes of one rule file: a Sigma `.yml`, an Elastic `.toml` or a content `.mdx`,
   * checked with `stat` before the file is read, and again on the text. The largest
   * real file is 295,078 bytes (sigma `driver_load_win_vuln_drivers.yml`; Elastic's
   * largest is 53,674, content's 10,742): 1 MiB leaves 3.5 times that.
   */
  maxFileBytes: 1024 * 1024,
  /**
   * Nesting levels of a YAML document (block and flow), a TOML file, a JSON event and an
   * MDX guide (JSX elements, block quotes, lists, emphasis), checked by a linear scan of
   * the text before any parser runs: the parsers recurse per level, and a deep enough
   * input overflows the stack (the `yaml` package even aborts the process at 10,000 `[`).
   * Real files reach 17 (an Elastic `note`; Sigma 6, frontmatter 7, MDX 12, TOML 3: `nesting.test.ts` checks the corpus).
   */
  maxDepth: 64,
  /**
   * Markdown: bytes of a guide (an MDX body) or of an Elastic `note`/`setup`. The markdown
   * parsers are linear but slow on some input (a megabyte of `[`: 5 s; 250 KB of GFM table
   * rendered: 5 s); real guides and notes are at most 10 KB.
   */
  maxMarkdownBytes: 128 * 1024,
  /**
   * Markdown: emphasis delimiter runs (`*`, `_`, `~`) in one paragraph. The parser pairs them
   * in quadratic time (66,000 unpaired `a*` take 33 s); real paragraphs have at most 63.
   */
  maxDelimiterRuns: 256,
  /**
   * Characters of a line that the syntax highlighter (shiki: TextMate grammars on the
   * JavaScript regex engine) colors; a longer line is shown plain. Its time is quadratic in
   * a line's length: a 72,000-character YAML line of `and b or` takes 7 s, a megabyte of
   * spaces about half an hour. Real converted queries reach a few thousand characters.
   */
  maxHighlightLine: 5000,
  /**
   * …and in a text over `largeHighlightText` characters (only very large rules): a megabyte
   * of 1,000-character lines takes at most about 3.5 s, of 5,000-character ones 17 s.
   */
  maxHighlightLineInLargeText: 1000,
  largeHighlightText: 64 * 1024,
  /** Alias resolutions per YAML document (the `yaml` package's `maxAliasCount`): stops "billion laughs". */
  maxAliases: 100,
  /** Condition nesting (`((((sel))))`, `not not …`): checked by the condition parser. */
  maxConditionDepth: 256,
} as const

/** The UTF-8 size of a text; `text.length` when that many characters cannot be over `limit` anyway. */
export function utf8Size(text: string, limit: number = LIMITS.maxFileBytes): number {
  if (text.length * 3 <= limit) return text.length
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** The error for a file over `LIMITS.maxFileBytes` (from `stat` or from its text). */
export function fileTooLarge(file: string, bytes: number): Diagnostic {
  return {
    severity: 'error',
    code: 'file-too-large',
    message: `The file is ${bytes.toLocaleString('en-US')} bytes; a rule file may be at most ${LIMITS.maxFileBytes.toLocaleString('en-US')} bytes (LIMITS.maxFileBytes), so it was not parsed`,
    location: { file, start: { line: 1, column: 1, offset: 0 } },
  }
}

/** The `file-too-large` error when a text is over `LIMITS.maxFileBytes`, else undefined. */
export function textTooLarge(file: string, text: string): Diagnostic | undefined {
  const bytes = utf8Size(text)
  return bytes > LIMITS.maxFileBytes ? fileTooLarge(file, bytes) : undefined
}

/** The error for input nested deeper than `LIMITS.maxDepth`, at the place it goes too deep. */
export function nestedTooDeep(what: string, location: Location): Diagnostic {
  return {
    severity: 'error',
    code: 'nested-too-deep',
    message: `${what} is nested deeper than ${LIMITS.maxDepth} levels (LIMITS.maxDepth), so it was not parsed`,
    location,
  }
}

/** The error for markdown (a guide, a note) over `maxMarkdownBytes` or with a paragraph over `maxDelimiterRuns`, or undefined. */
export function markdownTooComplex(what: string, markdown: string, locate: (offset: number) => Location): Diagnostic | undefined {
  const bytes = utf8Size(markdown, LIMITS.maxMarkdownBytes)
  if (bytes > LIMITS.maxMarkdownBytes)
    return {
      severity: 'error',
      code: 'markdown-too-large',
      message: `${what} is ${bytes.toLocaleString('en-US')} bytes; markdown may be at most ${LIMITS.maxMarkdownBytes.toLocaleString('en-US')} bytes (LIMITS.maxMarkdownBytes), so it was not parsed`,
      location: locate(Math.max(0, markdown.search(/\S/))),
    }
  let paragraph = 0
  let runs = 0
  for (const match of markdown.matchAll(/\n[ \t]*\n|[*_~]+/g)) {
    if (match[0].startsWith('\n')) {
      paragraph = match.index + match[0].length
      runs = 0
    } else if (++runs > LIMITS.maxDelimiterRuns)
      return {
        severity: 'error',
        code: 'markdown-too-complex',
        message: `${what} has a paragraph with more than ${LIMITS.maxDelimiterRuns} runs of \`*\`, \`_\` or \`~\` (LIMITS.maxDelimiterRuns), which the markdown parser pairs in quadratic time, so it was not parsed`,
        location: locate(paragraph),
      }
  }
  return undefined
}

/** The error for a YAML document whose aliases expand past `LIMITS.maxAliases` ("billion laughs"). */
export function tooManyAliases(what: string, location: Location): Diagnostic {
  return {
    severity: 'error',
    code: 'yaml-alias-limit',
    message: `${what} expands YAML aliases more than ${LIMITS.maxAliases} times (LIMITS.maxAliases): refused as a possible alias bomb`,
    location,
  }
}
