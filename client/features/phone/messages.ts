import { phoneEn, phoneFr } from '../../../shared/i18n/phone.ts'

/** The phone's messages: added by its screen (PhoneMain), which is the only one to show them. */
export const PHONE_MESSAGES = { fr: phoneFr, en: phoneEn }
