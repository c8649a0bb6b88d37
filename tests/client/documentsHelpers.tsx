import { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { ArtefactsArea } from '../../client/features/artefacts/ArtefactsArea.tsx'
import type { Locale } from '../../shared/i18n/index.ts'
import type { Role } from '../../shared/roles.ts'
import type { DueTarget } from '../../shared/schema/due.ts'
import type { ArtefactRights } from '../../shared/schema/rights.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

export const me = { participantId: 'me-000000001', name: 'Nadia', group: 'patient' as const }
/** The identity the server issued to `me` at join (observers have none). */
export const myCredentials = { participantId: me.participantId, secret: 'secret-of-nadia' }

export const buildDoc = () => newWorkshop().doc

export const renderArea = (
  doc: Y.Doc,
  options: {
    role?: Role
    tab?: 'documents' | 'charters' | 'plan' | 'decisions' | 'versions'
    /** What the running phase allows (`artefactRights`); none running by default. */
    rights?: ArtefactRights
    /** French unless told. */
    locale?: Locale
    /** The workshop has ended (see `ArtefactsAreaProps.ended`). */
    ended?: boolean
    /** May this person write now (the workspace's `writable()`)? */
    writable?: boolean
    /** An action or decision opened from what is due (see `ArtefactsAreaProps.reveal`). */
    reveal?: DueTarget
  } = {},
) => {
  const awareness = new Awareness(doc)
  awareness.setLocalStateField('user', {
    id: me.participantId,
    name: me.name,
    group: me.group,
    role: options.role ?? 'participant',
  })
  return renderWithI18n(
    () => (
      <ArtefactsArea
        doc={doc}
        awareness={awareness}
        workshopId="w1"
        token="tok"
        role={options.role ?? 'participant'}
        identity={me}
        participant={options.role === 'observer' ? null : myCredentials}
        initialTab={options.tab ?? 'documents'}
        {...(options.rights ? { rights: options.rights } : {})}
        {...(options.ended !== undefined ? { ended: options.ended } : {})}
        {...(options.writable !== undefined ? { writable: options.writable } : {})}
        {...(options.reveal ? { reveal: options.reveal } : {})}
      />
    ),
    options.locale,
  )
}
