/**
 * Where tests find the shared read-only data: `../shared` beside the repository
 * root (test-only; no `node:` import, as everywhere in lib/sigma).
 */
export const SHARED = decodeURIComponent(new URL('../../../shared/', import.meta.url).pathname)
export const SIGMA_RULES = SHARED + 'corpus/sigma/rules'
export const REGRESSION_DATA = SHARED + 'corpus/sigma/regression_data'
