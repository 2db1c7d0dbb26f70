// Who speaks on the web chat channel, and its own event name: apart from the adapter (webChatAdapter.ts, which
// subclasses botbuilder's), so the HTTP side (Direct Line routes, notices) does not load botbuilder.

/** The bot's identity on the web chat channel. */
export const WEB_CHAT_BOT = { id: 'trait-d-union', name: "Trait d'Union", role: 'bot' } as const;

/**
 * The sender of a caseworker's message (a person, not the assistant). Role `bot` keeps it on the incoming side in
 * every Direct Line client; the name tells our page to mark it (src/channels/webchat/page/chat.js).
 */
export const WEB_CHAT_CASEWORKER = { id: 'trait-d-union:caseworker', name: 'caseworker', role: 'bot' } as const;

/** Event telling the page that activities with index < `value.before` were erased. */
export const ERASED_EVENT = 'tdu/erased';
