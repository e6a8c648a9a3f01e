import { parseSigma, resolveCollection, type SigmaCollection, type SigmaRule } from '../sigma/index'
import { createRandom, hashString } from '../sigma/testing/random'
import { generateFile, PLACEHOLDERS } from './generate-rule'

/**
 * The detection rules of `count` generated Sigma files (YAML text through
 * `parseSigma` and `resolveCollection`), each with its collection: the shape
 * `runCorpus` and the differential checks take. File `n` is the same for the
 * same seed.
 */
export function generatedRules(count: number, seed: number): { rule: SigmaRule; collection: SigmaCollection }[] {
  const out: { rule: SigmaRule; collection: SigmaCollection }[] = []
  for (let n = 0; n < count; n++) {
    const file = generateFile(createRandom(hashString(`file-${n}`, seed)))
    const { collection } = resolveCollection([parseSigma(file.text, `generated/${seed}-${n}.yml`, { placeholders: PLACEHOLDERS })])
    for (const document of collection.documents) if (document.type === 'rule') out.push({ rule: document, collection })
  }
  return out
}
