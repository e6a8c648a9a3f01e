import { ANY_CHARS, normalizeSigmaString, type SigmaString } from '../../sigma/sigma-string'
import { unsupported } from '../compiler/unsupported'
import type { Expression } from '../../sigma/nodes'
import { forEachLeaf } from '../../pipelines/map-expression'
import { caseVariants } from '../shared/case-fold'
import { ipv4CidrRegex } from '../shared/cidr-regex'
import { elasticCidr } from '../shared/elastic-cidr'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { toLuceneRegex } from './lucene-regex'

/**
 * Elasticsearch `query_string` (Lucene syntax) over ECS `keyword` fields.
 *
 * Keyword fields compare exactly and case-sensitively, and query_string has
 * no `case_insensitive` switch. So a case-insensitive value with letters is a
 * regexp whose letters are classes — `process.executable:/.*\\[Cc][Mm][Dd]\.[Ee][Xx][Ee]/`
 * — anchored to the whole value as Lucene regexps are; values without
 * letters, and `cased` values, stay exact terms, phrases or wildcards.
 *
 * - Reserved characters `+ - = && || > < ! ( ) { } [ ] ^ " ~ * ? : \ /` and
 *   spaces are backslash-escaped in terms; in regexps also `. | # @ & < > ~`.
 * - AND/OR are grouped explicitly: the classic parser has no real precedence.
 *   `a OR NOT b` means "a minus b" there, so every `NOT` is parenthesised,
 *   and Elasticsearch adds `match_all` to a purely negative group.
 * - `NOT f:x` matches documents without `f`, as Sigma wants.
 * - A keyword (field-less) search is a bare term: Elasticsearch searches
 *   every field (`index.query.default_field: *`).
 */
export const lucene = defineTarget({
  id: 'lucene',
  label: 'Elasticsearch query string (Lucene)',
  language: 'lucene',
  pipelines: ['ecs-windows', 'none'],
  dialect: {
    logic: { and: ' AND ', or: ' OR ', not: '(NOT {expr})', group: '({expr})', precedence: 'explicit' },
    leaves: {
      StringMatchNode: (node) => prefix(node.field) + stringTerm(node.value, node.cased, node.field === null),
      RegexMatchNode: (node, ctx) => {
        const translated = toLuceneRegex(node.pattern, node.flags)
        if (!translated.ok) return ctx.unsupported('regex-syntax', `Lucene regexps cannot express \`${node.pattern}\`: ${translated.reason}`, node)
        return `${prefix(node.field)}/${translated.regex}/`
      },
      CidrMatchNode: elasticCidr((node, ctx) => {
        if (!textFields(ctx.root).has(node.field)) return `${field(node.field)}:"${node.cidr}"`
        // A field the rule also compares as text is a keyword field, where a CIDR term is a literal string.
        const regex = ipv4CidrRegex(node.cidr)
        if (regex === undefined)
          return ctx.unsupported('ipv6-cidr-keyword', `\`${node.field}\` is compared as text too, so it is a keyword field, where no regexp matches every spelling of the IPv6 network ${node.cidr}`, node)
        return `${field(node.field)}:/${regex.slice(1, -1).replaceAll('\\.', '[.]').replaceAll('(?:', '(')}/`
      }),
      NumberMatchNode: (node, ctx) => {
        if (node.field === null && node.op !== 'eq') return ctx.unsupported('keyword-compare', 'a keyword search cannot compare numbers', node)
        return prefix(node.field) + (node.op === 'eq' ? `"${node.value}"` : RANGE[node.op].replace('#', String(node.value)))
      },
      // On a keyword field (the rule also compares it as text) a boolean is the text `true`/`false`, matched
      // case-insensitively as the evaluator does, so that Windows' `False` counts.
      BooleanMatchNode: (node, ctx) =>
        textFields(ctx.root).has(node.field) ? `${field(node.field)}:/${[...String(node.value)].map((c) => regexChar(c, false)).join('')}/` : `${field(node.field)}:${node.value}`,
      NullMatchNode: (node) => `(NOT _exists_:${field(node.field)})`,
      ExistsNode: (node) => `_exists_:${field(node.field)}`,
      FieldRefNode: unsupported('fieldref', 'a query string cannot compare two fields of the same document'),
      TimePartNode: unsupported('time-part', 'a query string cannot extract a part of a date'),
    },
  },
})

const RANGE = { lt: '{* TO #}', lte: '[* TO #]', gt: '{# TO *}', gte: '[# TO *]' } as const

const TERM_ESCAPE = backslashEscape('+-=&|><!(){}[]^"~*?:\\/ \t\n\r')
// The query-string grammar (and the npm \`lucene\` parser) accepts a backslash only before
// some characters: \`. # @ < >\` are written as one-character classes in a regexp.
const REGEX_BACKSLASH = backslashEscape('?+*|{}[]()"\\&~/')
const REGEX_ESCAPE = (text: string) => REGEX_BACKSLASH(text).replace(/[.#@<>]/g, '[$&]')
/** Characters a term cannot escape: a wildcard value holding one is written as a regexp. */
const TERM_UNESCAPABLE = /[<>=\t\n\r]/

const field = (name: string) => TERM_ESCAPE(name)
const prefix = (name: string | null) => (name === null ? '' : `${field(name)}:`)

function stringTerm(written: SigmaString, cased: boolean, keyword: boolean): string {
  // A keyword search finds its text anywhere in a value, as the evaluator does.
  const value = keyword ? normalizeSigmaString([ANY_CHARS, ...written, ANY_CHARS]) : written
  const wild = value.some((t) => typeof t !== 'string')
  const letters = value.some((t) => typeof t === 'string' && hasCaseVariants(t))
  const unescapable = wild && value.some((t) => typeof t === 'string' && TERM_UNESCAPABLE.test(t))
  if ((!cased && letters) || unescapable) {
    const literal = (text: string) => {
      let out = ''
      for (const c of text) out += regexChar(c, cased)
      return out
    }
    return `/${writePattern(value, { literal, many: '.*', one: '.' })}/`
  }
  if (!wild) return `"${backslashEscape('"\\')(value.join(''))}"`
  return writePattern(value, { literal: TERM_ESCAPE, many: '*', one: '?' })
}


const regexChars = [new Map<string, string>(), new Map<string, string>()] as const

/** One character in a Lucene regexp: a class of its case variants unless cased, else escaped. */
function regexChar(c: string, cased: boolean): string {
  const cache = regexChars[cased ? 1 : 0]
  let out = cache.get(c)
  if (out === undefined) {
    const variants = cased ? [c] : caseVariants(c)
    out = variants.length > 1 ? `[${variants.join('')}]` : REGEX_ESCAPE(c)
    cache.set(c, out)
  }
  return out
}

function hasCaseVariants(text: string): boolean {
  for (const c of text) if (caseVariants(c).length > 1) return true
  return false
}

const textFieldCache = new WeakMap<Expression, ReadonlySet<string>>()

/** Fields the rule matches as strings or regexes: Elasticsearch keyword fields, never `ip` fields. */
function textFields(root: Expression): ReadonlySet<string> {
  let found = textFieldCache.get(root)
  if (!found) {
    const fields = new Set<string>()
    forEachLeaf(root, (node) => {
      if ((node.kind === 'StringMatchNode' || node.kind === 'RegexMatchNode') && node.field !== null) fields.add(node.field)
    })
    found = fields
    textFieldCache.set(root, found)
  }
  return found
}
