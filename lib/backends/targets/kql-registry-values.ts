import type { Expression } from '../../sigma/nodes'
import { mapLeaves } from '../../pipelines/map-expression'
import { UnsupportedFeatureError } from '../compiler/unsupported'

const DWORD = /^DWORD \(0x([0-9a-f]{1,8})\)$/i
const TYPED = /^(DWORD|QWORD|Binary Data)\b/i

/**
 * Sysmon writes a registry value's data with its type (`DWORD (0x00000001)`);
 * Defender's `RegistryValueData` holds the number alone, in decimal (`1`).
 * A whole DWORD value is rewritten to that; any other typed spelling
 * (wildcards, QWORD pairs, binary) has no exact Defender form and is
 * unsupported rather than left to never match.
 */
export function defenderRegistryValues(expression: Expression): Expression {
  return mapLeaves(expression, (node) => {
    if (node.kind !== 'StringMatchNode' || node.field !== 'RegistryValueData') return node
    const text = node.value.length === 1 && typeof node.value[0] === 'string' ? node.value[0] : undefined
    const dword = text === undefined ? null : DWORD.exec(text)
    if (dword) return Object.freeze({ ...node, value: [String(parseInt(dword[1]!, 16))] })
    if (node.value.some((t) => typeof t === 'string' && TYPED.test(t)))
      throw new UnsupportedFeatureError('registry-value-format', 'Defender records registry data without its type (a DWORD as a decimal number); this typed pattern has no exact form there', node.location)
    return node
  })
}
