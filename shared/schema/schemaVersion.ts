/**
 * The workshop document's schema version and the origin migrations write with, apart from the
 * migrations (migrations.ts): a page that only compares versions (`createDocInfo`: a newer
 * build wrote this document) or migrates a private document (private.ts) then holds neither
 * the steps nor what they import (the decision log, the plan, the sessions), which would
 * otherwise come with every phone's first screen. migrations.ts checks, when it loads, that
 * its list has exactly this many steps.
 */
export const SCHEMA_VERSION = 9

export const MIGRATION_ORIGIN = 'fabrique:migration'
