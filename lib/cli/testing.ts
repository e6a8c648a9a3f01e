import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/** The repository root, for tests that name fixtures. */
export const ROOT = path.resolve(__dirname, '../..')

export interface CliOutcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the real `atlas` bin, as a user would, and returns its exit code and output. */
export async function atlas(...args: string[]): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await exec('node', [path.join(ROOT, 'bin/atlas.mjs'), ...args], { cwd: ROOT })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as CliOutcome
    return { code, stdout, stderr }
  }
}
