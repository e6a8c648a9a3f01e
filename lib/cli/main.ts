import { Command } from 'commander'
import { commands } from './commands'

const program = new Command('atlas')
  .description('Detection Atlas: validate, test and convert detection rules')
  .showHelpAfterError()

for (const register of commands) register(program)

await program.parseAsync(process.argv)
