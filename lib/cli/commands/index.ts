import type { Command } from 'commander'
import { registerAttack } from './attack'
import { registerConvert } from './convert'
import { registerImport } from './import'
import { registerMatch } from './match'
import { registerTargets } from './targets'
import { registerValidate } from './validate'

/** Each command module adds one subcommand (with its own --help) to the program. */
export type RegisterCommand = (program: Command) => void

export const commands: RegisterCommand[] = [registerValidate, registerMatch, registerAttack, registerConvert, registerTargets, registerImport]
