import { flowEn } from './flow.ts'
import type { CoreMessages } from './fr.ts'
import { layoutEn } from './layout.ts'
import { newsEn } from './news.ts'
import { outlineEn } from './outline.ts'
import { rightsEn } from './rights.ts'
import { votingEn } from './voting.ts'

/** English messages: must have exactly the keys of the French catalogue. */
export const en: CoreMessages = {
  'app.name': 'Fabrique',
  'app.tagline': 'Real-time co-design workshops',
  'app.skipLink': 'Skip to main content',
  'app.homeLink': 'Fabrique — home',
  'app.mainNav': 'Main navigation',
  'app.loading': 'Loading…',
  'app.notFound.title': 'Page not found',
  'app.notFound.body': 'This address does not lead to any Fabrique page.',
  'app.notFound.back': 'Back to the home page',

  'language.label': 'Language',
  'language.fr': 'Français',
  'language.en': 'English',

  'role.facilitator': 'Facilitator',
  'role.participant': 'Participant',
  'role.observer': 'Observer',

  'group.patient': 'Patient partner',
  'group.citizen': 'Citizen partner',
  'group.clinician': 'Clinician partner',
  'group.other': 'Other',
  'group.patient.hint': 'You live with a health condition, or you help someone who does.',
  'group.citizen.hint': 'You live or act in the community.',
  'group.clinician.hint': 'Physician, nurse, social worker, psychologist, community organiser…',
  'group.other.hint': 'None of these groups describes you.',
  'sector.ciusss': 'CIUSSS or CISSS (health and social services)',
  'sector.gmf': 'GMF (family medicine group)',
  'sector.community': 'Community organisation',
  'sector.city': 'City or municipality',
  'sector.other': 'Other organisation',
  'sector.none': 'Not given',

  'workshop.opening': 'Opening the workshop…',
  'workshop.noToken.title': 'You need an invitation link',
  'workshop.noToken.body':
    'To enter this workshop, open the link or QR code the facilitator gave you.',
  'workshop.invalid.title': 'This link is not valid',
  'workshop.invalid.body':
    'It may have been revoked or mistyped. Ask the facilitator for a new link.',
  'workshop.loadError': 'The workshop could not be opened: {{ error }}',
  'workshop.retry': 'Try again',
  'workshop.newerSchema':
    'This workshop was made by a newer version of Fabrique. Reload the page to continue.',
  'workshop.reload': 'Reload the page',
  'workshop.yourRole': 'Your role: {{ role }}',
  'workshop.ended':
    'The session has ended: you can read everything the lab holds, but not change it until the next session.',
  'workshop.sessionEnded':
    'The session “{{ title }}” has ended. You can plan or start the next one.',
  'workshop.sessionEnded.open': 'Open the sessions',
  'workshop.readOnly': 'You can see everything, but not change it.',
  'workshop.deviceCopy.title': 'Offline: this device’s copy',
  'workshop.deviceCopy.body':
    'The workshop’s server is not answering. You see the workshop as this device last received it, read-only: nothing can be changed or saved. The page picks up by itself as soon as the server answers.',
  'workshop.participants.title': 'People who joined',
  'workshop.participants.empty': 'Nobody has joined the workshop yet.',
  'workshop.participants.waiting': 'Waiting for the server…',

  'join.title': 'Join the workshop',
  'join.intro': 'No account needed. The other people in the workshop will see your name and group.',
  'join.observer': 'Your link is an observer link: you will see everything, without changing it.',
  'join.observer.title': 'Observe the workshop',
  'join.observer.unnamed':
    'You are not asked for a name: the others see you as “Observer”, and the workshop keeps nothing about you.',
  'join.observer.submit': 'Enter as an observer',
  'join.facilitator.title': 'Your name as facilitator',
  'join.facilitator.intro':
    'The participants see your name and group: in the list of people online, on your cursor and on your notes. “Other” is chosen for you: keep it if you facilitate without being a partner.',
  'join.facilitator.next':
    'Next, the “Share the workshop” button (three linked dots), at the top right, gives the links and QR codes to send to the participants.',
  'join.name.label': 'Your name',
  'join.name.hint': 'The name others will see. A first name is enough.',
  'join.name.required': 'Write a name.',
  'join.name.tooLong': 'The name must be at most {{ max }} characters.',
  'join.group.legend': 'You take part as',
  'join.group.required': 'Choose a group.',
  'join.sector.label': 'Your sector or organisation (optional)',
  'join.sector.hint':
    'If you come on behalf of an organisation. Patient and citizen partners may leave “None”.',
  'join.sector.none': 'None, or I’d rather not say',
  'join.optOut.label': 'Don’t count me in the recognition export',
  'join.optOut.hint':
    'The facilitator exports who came and for how long, to recognise or pay partners. If you tick this, the export keeps your minutes and group, without your name.',
  'join.errors': 'Please fix the following before you continue:',
  'join.submit': 'Join',
  'join.edit': 'Edit my details',
  'join.save': 'Save',
  'join.cancel': 'Cancel',

  'presence.title': 'Online now',
  'presence.you': '(you)',
  'presence.count': '{{ count }} online',
  'presence.empty': 'Nobody else is online.',

  'status.label': 'Connection state',
  'status.connecting': 'Connecting…',
  'status.saving': 'Saving…',
  'status.saved': 'Saved',
  'status.upToDate': 'Up to date',
  'status.offline': 'Offline — your changes are kept',
  'status.offlineReadOnly': 'Offline — reconnecting',
  'status.deviceCopy': 'Offline — this device’s copy, read-only',
  'status.error.unauthorized': 'This link is no longer valid. Ask the facilitator for a new link.',
  'status.error.forbidden': 'Your link does not allow this action.',
  'status.error.rateLimited': 'Too many changes sent too fast. Reload the page in a moment.',
  'status.error.roomFull':
    'The workshop reached its maximum size: your last change was not saved. Tell the person who runs the server.',
  'status.error.badMessage': 'The server refused a message. Reload the page.',
  'status.error.other': 'The connection was closed (code {{ code }}). Reload the page.',

  'share.title': 'Share the workshop',
  'artefacts.title': 'What the group produces',
  ...outlineEn,
  ...flowEn,
  ...votingEn,
  ...rightsEn,
  ...layoutEn,
  ...newsEn,
}
