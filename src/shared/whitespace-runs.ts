/**
 * Every run of whitespace but a lone space, which already is what a run becomes: replaced by `' '`
 * it collapses whitespace with fewer replacements in prose than `/\s+/g`. Global: for `replace` only.
 */
export const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;
