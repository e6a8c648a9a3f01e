/** Links to attack.mitre.org, in the trailing-slash form the site itself uses. */
const BASE = 'https://attack.mitre.org'

/** `T1021.003` → `https://attack.mitre.org/techniques/T1021/003/` */
export function techniqueUrl(id: string): string {
  return `${BASE}/techniques/${id.toUpperCase().replace('.', '/')}/`
}

/** `TA0008` → `https://attack.mitre.org/tactics/TA0008/` */
export function tacticUrl(id: string): string {
  return `${BASE}/tactics/${id.toUpperCase()}/`
}

/** The Enterprise tactics list: the best link for a tactic the data does not know. */
export const TACTICS_INDEX_URL = `${BASE}/tactics/enterprise/`

export type ObjectKind = 'group' | 'software' | 'campaign' | 'mitigation' | 'data-source'

const OBJECT_PATH = {
  group: 'groups',
  software: 'software',
  campaign: 'campaigns',
  mitigation: 'mitigations',
  'data-source': 'datasources',
} as const satisfies Record<ObjectKind, string>

/** `G0069` (group) → `https://attack.mitre.org/groups/G0069/` */
export function objectUrl(kind: ObjectKind, id: string): string {
  return `${BASE}/${OBJECT_PATH[kind]}/${id.toUpperCase()}/`
}
