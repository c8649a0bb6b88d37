import type { z } from 'zod'

/** One line per problem, each naming the field: `title: must not be empty; locale: …`. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
