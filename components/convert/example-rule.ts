/** A rule to start from, written for this page. */
export const EXAMPLE = `title: Command Shell Started by MMC
id: 5b7e2d1c-8f3a-4c6e-9d21-0a4b6c8e2f13
status: experimental
description: A command shell whose parent is the Microsoft Management Console.
author: Detection Atlas
date: 2026-11-25
tags:
  - attack.lateral-movement
  - attack.t1021.003
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    ParentImage|endswith: '\\mmc.exe'
    Image|endswith: '\\cmd.exe'
  filter:
    CommandLine|endswith: '\\RunCmd.cmd'
  condition: selection and not filter
level: medium
`
