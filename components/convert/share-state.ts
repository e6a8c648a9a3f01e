/**
 * The converter's state in the URL fragment (never sent to a server):
 * `#rule=<base64url of the UTF-8 text>&p=<target>:<pipeline>,…&f=<target>:<format>,…`.
 */
export interface ConverterState {
  readonly text: string
  /** Target id → chosen pipeline id (absent: the target's default). */
  readonly pipelines: Readonly<Record<string, string>>
  /** Target id → chosen output format (absent: the plain query). */
  readonly formats: Readonly<Record<string, string>>
}

function toBase64Url(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(value: string): string | null {
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'))
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return null
  }
}

const pairs = (record: Readonly<Record<string, string>>) =>
  Object.entries(record)
    .map(([k, v]) => `${k}:${v}`)
    .join(',')

function readPairs(value: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of (value ?? '').split(',')) {
    const at = pair.indexOf(':')
    if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return out
}

export function encodeState(state: ConverterState): string {
  const params = new URLSearchParams()
  params.set('rule', toBase64Url(state.text))
  if (Object.keys(state.pipelines).length) params.set('p', pairs(state.pipelines))
  if (Object.keys(state.formats).length) params.set('f', pairs(state.formats))
  return `#${params.toString()}`
}

/** The state in a fragment, or null when it holds none (or a rule that does not decode). */
export function decodeState(hash: string): ConverterState | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const rule = params.get('rule')
  if (rule === null) return null
  const text = fromBase64Url(rule)
  if (text === null) return null
  return { text, pipelines: readPairs(params.get('p')), formats: readPairs(params.get('f')) }
}
