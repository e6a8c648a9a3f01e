import ipaddr from 'ipaddr.js'
import type { Finding } from './oracle'

/**
 * Findings of the fuzzer that are reported to their module's owners and not
 * fixed yet. A campaign counts them apart and does not fail on them; each has
 * a minimized case in `findings.test.ts`. Remove an entry when its fix lands.
 */
export interface KnownFinding {
  readonly id: string
  readonly matches: (finding: Finding) => boolean
  readonly note: string
}

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    id: 'sqlite-nul-in-value',
    note:
      'sqlite: LIKE and GLOB read the column\'s text as a C string, so a value holding NUL (UTF-16 text stored as ' +
      'bytes) is matched only up to its first NUL; the evaluator reads the whole value. A property of SQLite, stated ' +
      'in the target\'s notes; a rule value holding NUL is matched with REGEXP, which reads the whole text.',
    matches: (f) => f.kind === 'disagreement' && f.where.startsWith('sqlite') && / (?:LIKE|GLOB) /.test(queryOf(f)) && eventValues(f).some((v) => v.includes('\0')),
  },
  {
    id: 'grep-pcre-backtracking',
    note:
      'grep: a rule regex with nested quantifiers is passed to PCRE, which backtracks; on some lines grep stops with ' +
      '"exceeded PCRE\'s backtracking limit" (exit 2). The evaluator (RE2) is linear; grep -P has no linear mode.',
    matches: (f) => f.kind === 'engine-error' && f.where.startsWith('grep') && /backtracking limit|PCRE.*limit/.test(f.message),
  },
  {
    id: 'lucene-ipv4-mapped-cidr',
    note:
      'lucene: Elasticsearch indexes an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`) as the IPv4 address, ' +
      'so on an `ip` field `10.0.0.0/8` matches it, and IPv4 addresses fall in IPv6 networks that cover `::ffff:0:0/96` (`::/0`). The evaluator, like pySigma and the text targets, keeps the two ' +
      'versions apart (SigmaHQ lists mapped addresses as false positives of IPv4 filters). A property of the target, ' +
      'stated in the README; no query string can tell the two apart once indexed.',
    matches: (f) =>
      f.kind === 'disagreement' &&
      f.where.startsWith('lucene') &&
      (eventValues(f).some(isIpv4Mapped) || (eventValues(f).some(ipaddr.IPv4.isValidFourPartDecimal) && coversIpv4MappedSpace(queryOf(f)))),
  },
  {
    id: 'lucene-mixed-field-types',
    note:
      'lucene harness: a field the rule uses both as a number (lt/gt…) or ip/boolean and as text has no single ' +
      'Elasticsearch mapping; the evaluator rejects the query for the type it picked, or ES numeric coercion ' +
      '("031" = 31) differs from the evaluator\'s equality by text, and a keyword search (`*9*`) does not reach a field mapped as ip. ' +
      'Generated rules mix types on one field; real rules rarely do.',
    matches: (f) =>
      f.where.startsWith('lucene') &&
      ((f.kind === 'engine-error' && /on a (?:number|ip) field|is not an? (?:boolean|number|IP address)|range on a \w+ field/.test(f.message)) ||
        (f.kind === 'disagreement' && (/:[{[][^\]}]* TO /.test(queryOf(f)) || (CIDR_TERM.test(queryOf(f)) && UNFIELDED_TERM.test(queryOf(f)))))),
  },
]

/** A CIDR term, which makes its field an `ip` field that a field-less search does not reach. */
const CIDR_TERM = /:"[\d.:a-f]+\/\d+"/i
/** A field-less term: a phrase, a regexp or a wildcard right after the start, a space or a `(`. */
const UNFIELDED_TERM = /(?:^|[\s(])(?:"[^"]*"|\/(?:[^/\\\n]|\\.)*\/|[*?][^\s)]*)(?=[\s)]|$)/

function queryOf(finding: Finding): string {
  return /^query: ([\s\S]*?)\nevent: /m.exec(finding.detail ?? '')?.[1] ?? ''
}

/** The string values of the finding's sample event. */
function eventValues(finding: Finding): string[] {
  const json = /^event: (.*)$/m.exec(finding.detail ?? '')?.[1]
  try {
    return json ? Object.values(JSON.parse(json) as Record<string, unknown>).filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

function isIpv4Mapped(text: string): boolean {
  return ipaddr.IPv6.isValid(text) && ipaddr.IPv6.parse(text).isIPv4MappedAddress()
}

/** Whether a CIDR term of the query is an IPv6 network holding every IPv4-mapped address. */
function coversIpv4MappedSpace(query: string): boolean {
  return [...query.matchAll(/:"([\da-f:.]+)\/(\d+)"/gi)].some(([, address, bits]) => {
    if (!ipaddr.IPv6.isValid(address!) || Number(bits) > 96) return false
    return ipaddr.IPv6.parse('::ffff:0:0').match(ipaddr.IPv6.parse(address!), Number(bits))
  })
}

export function knownFinding(finding: Finding): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((known) => known.matches(finding))
}
