import * as Y from 'yjs'
import { ballotProblem, type IsVoteItem, type PhaseVote } from '../../../shared/schema/votes.ts'

/**
 * Whether a ballot would break the vote's rules, checked exactly as the server will
 * (`ballotProblem`, with the ids it may hold), on a scratch document: `write` fills it with
 * the ballot to check.
 */
export const problemWith = (
  vote: PhaseVote,
  phaseId: string,
  mayHold: IsVoteItem,
  write: (scratch: Y.Doc) => void,
): string | null => {
  const scratch = new Y.Doc()
  try {
    write(scratch)
    return ballotProblem(scratch, vote, phaseId, mayHold)
  } finally {
    scratch.destroy()
  }
}
