// The link checker's scan worker: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./scan-worker.ts')
