/**
 * Messages of personal links: the People tab's button and the dialog (client/features/join/
 * PersonalLink.tsx, PersonalLinkDialog.tsx: what the link does, whether one works, making,
 * replacing and revoking it; the facilitator's column) and what a device opened with one is
 * told (DeviceSignIn.tsx).
 * `deviceLinkEn` must have exactly the keys of `deviceLinkFr` (typecheck fails otherwise). Not in
 * the core catalogues: what shows them adds them (`DEVICE_LINK_MESSAGES`); `CATALOGUES`
 * (catalogues.ts) has them.
 */
export const deviceLinkFr = {
  'device.open': 'Mon lien personnel',
  'device.openOther': 'Gérer',
  'device.openOtherLabel': 'Gérer le lien personnel de {{ name }}',
  'device.loading': 'Vérification du lien…',
  'device.link': 'Lien personnel',
  'device.claim.gone.title': 'Ce lien personnel ne fonctionne plus',
  'device.claim.gone':
    'Il a été remplacé ou révoqué. Demandez-en un nouveau depuis votre autre appareil (Personnes, «\u00a0Mon lien personnel\u00a0») ou à l’animateur·rice, ou rejoignez l’atelier ici.',
  'device.claim.error':
    'Cet appareil n’a pas pu être connecté\u00a0: {{ error }}. Rouvrez votre lien personnel pour réessayer.',
  'device.claimed': 'Cet appareil est connecté comme «\u00a0{{ name }}\u00a0».',
  'device.claimed.dismiss': 'Compris',
  'device.title': 'Mon lien personnel',
  'device.titleOther': 'Lien personnel de {{ name }}',
  'device.intro':
    'Ouvrez ce lien sur votre autre appareil (un téléphone, une tablette)\u00a0: il vous y connecte comme «\u00a0{{ name }}\u00a0», avec vos notes et votre présence aux séances, sans rien vous demander.',
  'device.introOther':
    'Ce lien connecte un autre appareil de {{ name }} comme cette personne, avec ses notes et sa présence aux séances. Donnez-le à cette personne seulement.',
  'device.private':
    'Gardez-le pour vous\u00a0: qui l’a peut écrire en votre nom. Ne l’affichez pas sur un écran partagé ni au projecteur.',
  'device.privateOther':
    'Qui l’a peut écrire au nom de cette personne. Ne l’affichez pas sur un écran partagé ni au projecteur.',
  'device.none': 'Aucun lien personnel ne fonctionne en ce moment.',
  'device.active':
    'Un lien créé le {{ date }} fonctionne. Il ne peut pas être affiché de nouveau\u00a0: «\u00a0Nouveau lien\u00a0» le remplace.',
  'device.make': 'Créer le lien',
  'device.rotate': 'Nouveau lien',
  'device.busy': 'Un instant…',
  'device.revoke': 'Révoquer',
  'device.revokeLabel': 'Révoquer le lien personnel',
  'device.shown':
    'Voici le lien. Il n’est montré qu’une fois\u00a0: copiez-le ou lisez son code QR.',
  'device.rotated':
    'Voici le nouveau lien\u00a0: l’ancien ne fonctionne plus. Il n’est montré qu’une fois.',
  'device.revoked':
    'Le lien est révoqué\u00a0: il ne fonctionne plus. Les appareils déjà connectés avec lui le restent.',
  'device.devices':
    'Un appareil déjà connecté avec un lien le reste. Retirer le nom déconnecte tous les appareils.',
  'device.copy': 'Copier le lien',
  'device.copyLabel': 'Copier le lien personnel',
  'device.copied': 'Lien copié',
  'device.copyFailed': 'Copie impossible\u00a0: sélectionnez le lien',
  'device.showQr': 'Montrer le code QR',
  'device.qrLabel': 'Code QR du lien personnel de {{ name }}',
  'device.close': 'Fermer',
  'device.error': 'Le lien n’a pas pu être créé\u00a0: {{ error }}. Réessayez.',
  'device.error.revoke':
    'Le lien n’a pas pu être révoqué\u00a0: {{ error }}. Il fonctionne encore.',
  'device.error.status': 'L’état du lien n’a pas pu être lu\u00a0: {{ error }}',
} as const satisfies Record<string, string>

export const deviceLinkEn: { readonly [K in keyof typeof deviceLinkFr]: string } = {
  'device.open': 'My personal link',
  'device.openOther': 'Manage',
  'device.openOtherLabel': 'Manage the personal link of {{ name }}',
  'device.loading': 'Checking the link…',
  'device.link': 'Personal link',
  'device.claim.gone.title': 'This personal link no longer works',
  'device.claim.gone':
    'It was replaced or revoked. Ask for a new one from your other device (People, “My personal link”) or from the facilitator, or join the workshop here.',
  'device.claim.error':
    'This device could not be signed in: {{ error }}. Open your personal link again to retry.',
  'device.claimed': 'This device is signed in as “{{ name }}”.',
  'device.claimed.dismiss': 'Got it',
  'device.title': 'My personal link',
  'device.titleOther': 'Personal link of {{ name }}',
  'device.intro':
    'Open this link on your other device (a phone, a tablet): it signs you in there as “{{ name }}”, with your notes and your attendance of the sessions, asking you nothing.',
  'device.introOther':
    'This link signs another device of {{ name }} in as this person, with their notes and their attendance of the sessions. Give it to this person only.',
  'device.private':
    'Keep it to yourself: whoever has it can write in your name. Do not show it on a shared screen or the projector.',
  'device.privateOther':
    'Whoever has it can write in this person’s name. Do not show it on a shared screen or the projector.',
  'device.none': 'No personal link works at the moment.',
  'device.active':
    'A link made on {{ date }} works. It cannot be shown again: “New link” replaces it.',
  'device.make': 'Make the link',
  'device.rotate': 'New link',
  'device.busy': 'One moment…',
  'device.revoke': 'Revoke',
  'device.revokeLabel': 'Revoke the personal link',
  'device.shown': 'Here is the link. It is shown only once: copy it or scan its QR code.',
  'device.rotated': 'Here is the new link: the old one no longer works. It is shown only once.',
  'device.revoked':
    'The link is revoked: it no longer works. Devices already signed in with it stay signed in.',
  'device.devices':
    'A device already signed in with a link stays signed in. Removing the name signs every device out.',
  'device.copy': 'Copy the link',
  'device.copyLabel': 'Copy the personal link',
  'device.copied': 'Link copied',
  'device.copyFailed': 'Could not copy: select the link',
  'device.showQr': 'Show the QR code',
  'device.qrLabel': 'QR code of the personal link of {{ name }}',
  'device.close': 'Close',
  'device.error': 'The link could not be made: {{ error }}. Try again.',
  'device.error.revoke': 'The link could not be revoked: {{ error }}. It still works.',
  'device.error.status': 'The link’s state could not be read: {{ error }}',
}

/** For `addMessages` (client/app/i18n.tsx). */
export const DEVICE_LINK_MESSAGES = { fr: deviceLinkFr, en: deviceLinkEn }
