import { z } from 'zod'

/**
 * Imported first by the converter: zod compiles object parsers with `new Function` when it
 * may, and probes for that with a caught `new Function('')`. Under the site's Content Security
 * Policy (no `'unsafe-eval'`) the probe is blocked and reported as a violation even though zod
 * falls back, so the converter turns the fast path off and zod never tries.
 */
z.config({ jitless: true })
