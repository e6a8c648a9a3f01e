/**
 * MITRE ATT&CK for Detection Atlas: the bundled Enterprise release (`data/`, with MITRE's licence),
 * tag and threat-mapping resolution, the matrix, Navigator layers and the STIX importer.
 * Isomorphic: no `node:` imports (the CLI does the file I/O for the importer).
 */
export { attack, createAttack, tacticKey, type Attack } from './attack-data'
export type {
  AttackDiagnostic,
  AttackDiagnosticCode,
  AttackEntry,
  AttackRef,
  AttackResolution,
  TacticEntry,
  TechniqueEntry,
} from './entry'
export { groupByTactic, type TacticGroup } from './group-by-tactic'
export { matrix, type Matrix, type MatrixColumn, type MatrixTechnique } from './matrix'
export { navigatorLayer, type LayerLink, type NavigatorLayerOptions } from './navigator-layer'
export {
  navigatorLayerSchema,
  validateNavigatorLayer,
  type NavigatorLayer,
  type NavigatorTechnique,
} from './navigator-schema'
export { resolveTags } from './resolve-tags'
export { resolveThreat, type ElasticThreat, type ElasticThreatItem } from './resolve-threat'
export { compactFromStix, serializeCompact, type ImportDiagnostic, type ImportOptions, type ImportResult } from './stix-import'
export type { CompactAttackData, CompactTactic, CompactTechnique, Tactic, Technique } from './types'
export { objectUrl, tacticUrl, techniqueUrl, TACTICS_INDEX_URL } from './urls'
