import { installCopyButtons } from './copy'
import { installQueryTabs } from './query-tabs'
import { installThemeToggle } from './theme'

/**
 * The site's one framework-free script, loaded (deferred) by every page: rule pages
 * ship no React at all, so their copy buttons, query tabs and theme toggle are plain
 * DOM behaviours keyed on data attributes. React pages (search, converter) render the
 * same markup and rely on the same behaviours.
 */
installThemeToggle(document)
installCopyButtons(document)
installQueryTabs(document)
