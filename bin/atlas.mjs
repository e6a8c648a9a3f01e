#!/usr/bin/env node
// The `atlas` CLI runs the TypeScript sources directly through tsx's loader,
// so the CLI, the site build and the tests share one copy of the library.
import { register } from 'tsx/esm/api'

register()
await import('../lib/cli/main.ts')
