import { lstatSync, statSync } from 'node:fs'
import type { Diagnostic } from '../../sigma/diagnostics'
import { fileTooLarge, LIMITS } from '../../sigma/limits'

/**
 * Why a rule file must not be read, from `stat` alone, or undefined when it may be:
 * over `LIMITS.maxFileBytes`, or not a regular file (a device such as `/dev/zero` or a
 * FIFO would hang the read). A rule tree's symbolic links are refused too (`follow: false`):
 * one could publish a file from outside the tree; a path given on the command line is followed.
 */
export function ruleFileProblem(file: string, display: string, options: { follow: boolean }): Diagnostic | undefined {
  const stat = options.follow ? statSync(file) : lstatSync(file)
  if (!stat.isFile())
    return {
      severity: 'error',
      code: 'not-a-regular-file',
      message: `Not read: a rule file must be a regular file, this is ${stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? 'a folder' : 'a device, FIFO or socket'}`,
      location: { file: display, start: { line: 1, column: 1, offset: 0 } },
    }
  return stat.size > LIMITS.maxFileBytes ? fileTooLarge(display, stat.size) : undefined
}
