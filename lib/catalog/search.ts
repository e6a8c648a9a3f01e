import 'server-only'
import { searchData, splitSearchData, type SearchCore, type SearchText } from '../search/documents'
import { getIndex } from './manifest'

let split: { core: SearchCore; text: SearchText } | undefined

/** The two search files of the built catalog (`/search/core.json`, `/search/text.json`). */
export function getSearchFiles(): { core: SearchCore; text: SearchText } {
  split ??= splitSearchData(searchData(getIndex()))
  return split
}
