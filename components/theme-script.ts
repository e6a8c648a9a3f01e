/** Where the reader's theme choice is kept. */
export const THEME_KEY = 'atlas:theme'

/**
 * The only inline script of the site, static (so a CSP can allow it by hash):
 * applies a remembered theme choice before the first paint, so a dark-mode
 * reader never sees a white flash. Without a choice the CSS follows the system.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`
