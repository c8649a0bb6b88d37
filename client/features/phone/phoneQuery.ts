/**
 * Where a participant's workspace becomes their phone's (client/features/phone): a screen
 * about 600 px wide or less, whichever way it is held. phone.css uses the same width.
 */
export const PHONE_QUERY = '(max-width: 37.5rem)'
