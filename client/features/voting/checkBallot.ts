import * as Y from 'yjs'
import { ballotProblem, type PhaseVote } from '../../../shared/schema/votes.ts'

/**
 * Whether a ballot would break the vote's rules, checked exactly as the server will
 * (`ballotProblem`), on a scratch document: `write` fills it with the ballot to check.
 */
export const problemWith = (
  vote: PhaseVote,
  phaseId: string,
  write: (scratch: Y.Doc) => void,
): string | null => {
  const scratch = new Y.Doc()
  try {
    write(scratch)
    return ballotProblem(scratch, vote, phaseId)
  } finally {
    scratch.destroy()
  }
}
