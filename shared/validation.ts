import type { z } from 'zod'

/** Parse options under which a field that is not there is `missing`, not of the wrong type. */
export const MISSING_NAMED: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => (issue.input === undefined ? 'missing' : undefined),
}

/**
 * One line per problem, each naming the field: `title: must not be empty; locale: …`; under
 * `at`, the fields are its own (`meta.title: …`).
 */
export const describeIssues = (error: z.ZodError, at?: string): string =>
  error.issues
    .map((issue) => {
      const path = [...(at === undefined ? [] : [at]), ...issue.path.map(String)].join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
