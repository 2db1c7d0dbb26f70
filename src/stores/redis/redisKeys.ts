/**
 * The only place that builds Redis key strings.
 * Keys that one Lua script touches together share a `{hash tag}` so they land in one Redis Cluster slot.
 */
export function redisKeys(prefix: string) {
  const p = prefix;
  return {
    /** Hash holding one botbuilder state item (fields: e = eTag, d = JSON, v = version counter). */
    state: (key: string) => `${p}:state:{${key}}`,
    /** List of one web chat conversation's activities (JSON, without ids). */
    conversationLog: (conversationId: string) => `${p}:dl:{${conversationId}}:log`,
    /** Marker that a web chat conversation exists (expires with it). */
    conversationMarker: (conversationId: string) => `${p}:dl:{${conversationId}}:meta`,
    /** Pub/sub channel announcing new web chat activities (message: conversation id). */
    conversationEvents: () => `${p}:dl:events`,
    /** JSON array of the values of the last numbered WhatsApp menu sent to a user (expires after a day). */
    whatsappMenu: (waId: string) => `${p}:wa:menu:{${waId}}`,
    /** Hash of one WhatsApp user's exchange: `in` (last inbound ms), `out`/`outAt` (last outbound id, ms), `st`/`sr`/`stAt`/`stErr` (its status). */
    whatsappContact: (waId: string) => `${p}:wa:contact:{${waId}}`,
    /** Hash of outbound WhatsApp messages kept for staff, by entry id (kind: `dead` letters or `held` outside the 24 h window). */
    outboxEntries: (kind: 'dead' | 'held') => `${p}:{outbox}:${kind}`,
    /** Sorted set of those entry ids by time (ms). */
    outboxIndex: (kind: 'dead' | 'held') => `${p}:{outbox}:${kind}:index`,
    /** Idempotency claim of one outbound reply (`pending`, `sent:<graph id>`, `dead:<entry id>`, `held:<entry id>`). */
    outboxClaim: (idempotencyKey: string) => `${p}:{outbox}:claim:${idempotencyKey}`,
    /** Sorted set of unanswered questions (score = time in ms, member = JSON), one per deployment. */
    unanswered: () => `${p}:{unanswered}:questions`,
    /** Pub/sub channel on which an inbound-queue claimer announces that it goes idle (redisInboundIdleWait.ts). */
    inboundIdle: () => `${p}:inbound:idle`,
    /** Pub/sub channel on which an enqueuer wakes the idle claimers of every process and instance. */
    inboundWake: () => `${p}:inbound:wake`,
    /**
     * Keys of inbound queue partition `index` of `count`. Every queue script touches one partition only, so a
     * partition's keys share its hash tag `{inbound:<index>}`; with one partition the tag stays `{inbound}`, the
     * keys of the queue before partitions, so a single-Redis deployment upgrades with its waiting messages.
     */
    inboundPartition: (index: number, count: number) => inboundPartitionKeys(count === 1 ? `${p}:{inbound}` : `${p}:{inbound:${index}}`),
    // Appointments share one hash tag: every rule spans points and days (one hold per person, one upcoming
    // booking, a move from one day to another), and bookings are a few thousand a year, far from one slot's limit.
    /** Appointments: sorted set of people holding a seat, by hold expiry (ms). */
    apptHolds: () => `${p}:{appt}:holds`,
    /** Appointments: hash personKey → `<slot>|<holdId>` of each active hold. */
    apptHoldInfo: () => `${p}:{appt}:holdInfo`,
    /** Appointments: hash slot (`<point>/<date>/<time>`) → active holds. */
    apptHeldCount: () => `${p}:{appt}:held`,
    /** Appointments: hash slot → booked seats. */
    apptBookedCount: () => `${p}:{appt}:booked`,
    /** Appointments: hash ref → booking JSON. */
    apptBookings: () => `${p}:{appt}:bookings`,
    /** Appointments: hash personKey → space-separated refs of that person's bookings. */
    apptPersonRefs: () => `${p}:{appt}:byPerson`,
    /** Appointments: sorted set of refs by start (ms), for staff lists, exports and the lifetime purge. */
    apptByTime: () => `${p}:{appt}:byTime`,
    /** Appointments: sorted set of reminders `<ref>|<kind>` by due time (ms); a leased reminder's score is its lease end. */
    apptReminders: () => `${p}:{appt}:reminders`,
    /** Appointments: the booking a hold id was confirmed into (expires), for idempotent confirms. */
    apptConfirmed: (holdId: string) => `${p}:{appt}:confirmed:${holdId}`,
    /** Appointments: a person's answers to a booking not yet confirmed (JSON string, expires with the hold). */
    bookingDraft: (personKey: string) => `${p}:{appt}:draft:${personKey}`,
    /** The decided outcome (replies + state changes) of one inbound message's turn, until its ack; tagged per conversation. */
    turnOutcome: (conversationKey: string, messageId: string) => `${p}:turn:{${conversationKey}}:${messageId}`,
    /** Idempotency marker of one web chat reply appended to its conversation's log (expires with the log). */
    conversationReply: (conversationId: string, replyKey: string) => `${p}:dl:{${conversationId}}:reply:${replyKey}`,
    /** Token bucket of one WhatsApp business number's outbound rate, shared by every instance. */
    whatsappRate: (phoneNumberId: string) => `${p}:wa:rate:{${phoneNumberId}}`,
    /** Prefix of one abuse limit's counters (rate-limiter-flexible appends `:<client address or conversation id>`; one key per counter). */
    rateLimit: (limit: string) => `${p}:rl:${limit}`,
    // --- Caseworker handoff queue: every key shares the {handoff} tag, so each transition is one script on one slot.
    /** Hash of handoff tickets, id → JSON (open ones, and ended ones until their lifetime ends). */
    handoffTickets: () => `${p}:{handoff}:tickets`,
    /** Sorted set of waiting ticket ids by queue score (priority rank × 1e13 + order in ms). */
    handoffWaiting: () => `${p}:{handoff}:waiting`,
    /** Sorted set of assigned ticket ids by lease deadline (ms). */
    handoffLeases: () => `${p}:{handoff}:leases`,
    /** Hash of assigned ticket id → caseworker username. */
    handoffAssignees: () => `${p}:{handoff}:assignees`,
    /** Sorted set of assigned ticket ids by the time since which the caseworker owes an answer (ms). */
    handoffOwed: () => `${p}:{handoff}:owed`,
    /** Hash of each user's open ticket, `<channel>:<userId>` → ticket id. */
    handoffOpenByUser: () => `${p}:{handoff}:open`,
    /** Set of one user's ticket ids (for "delete my data"). */
    handoffUserTickets: (userKey: string) => `${p}:{handoff}:user:${userKey}`,
    /** Sorted set of ended (closed/cancelled) ticket ids by end time (ms), for their lifetime. */
    handoffEnded: () => `${p}:{handoff}:ended`,
    /** List of one ticket's transcript entries (JSON), oldest first. */
    handoffTranscript: (ticketId: string) => `${p}:{handoff}:transcript:${ticketId}`,
    /** List of recent waits (ms) of one priority, newest first. */
    handoffWaits: (priority: string) => `${p}:{handoff}:waits:${priority}`,
    /** Hash of anonymous counters (opened per priority, closed per outcome, cancelled, erased). */
    handoffCounts: () => `${p}:{handoff}:counts`,
    /** Sorted set of available caseworkers (console open) by presence deadline (ms), for auto-assignment. */
    handoffPresence: () => `${p}:{handoff}:presence`,
    /** Pub/sub channel announcing ticket changes (message: ticket id). */
    handoffEvents: () => `${p}:handoff:events`,
    // --- Staff console (accounts, sessions, audit); {staff} keeps an account's keys on one slot.
    /** Set of staff usernames. */
    staffUsernames: () => `${p}:{staff}:usernames`,
    /** Hash of one staff account (role, passwordHash, disabled, createdAt). */
    staffAccount: (username: string) => `${p}:{staff}:account:${username}`,
    /** Hash of one login session by the SHA-256 of its token (username, role, createdAt); expires when idle. */
    staffSession: (tokenHash: string) => `${p}:staff:session:${tokenHash}`,
    /** Sorted set of audit entries (JSON) by time (ms). */
    staffAudit: () => `${p}:staff:audit`,
    /** Key prefix of a login rate limiter (rate-limiter-flexible adds the counted key after it). */
    staffLoginLimiter: (scope: 'account' | 'address') => `${p}:staff:login:${scope}`,
    // --- WhatsApp identities: one user's keys are tagged with their own id, so every step of a move touches one slot.
    /** A number change in progress from this WhatsApp id (value: the new id), until every step is done. */
    whatsappMove: (waId: string) => `${p}:wa:move:{${waId}}`,
    /** The id a user's conversation is keyed by, for another id of theirs (a BSUID for a phone, or the reverse). */
    whatsappLink: (waId: string) => `${p}:wa:link:{${waId}}`,
    /** Set of the other ids linked to the user keyed by this id (for "delete my data" and number changes). */
    whatsappAliases: (waId: string) => `${p}:wa:aliases:{${waId}}`,
    /** Sorted set of one web chat conversation's open WebSocket stream leases (lease id, score = expiry in ms), shared by every instance. */
    webChatStreams: (conversationId: string) => `${p}:dl:{${conversationId}}:streams`,
    /** Delivery mark of one Bot Framework reply by a hash of its reply key (`attempted`, `unanswered`, `sent`; expires with the turn outcome's lifetime). */
    botFrameworkReplyMark: (replyKeyHash: string) => `${p}:bf:mark:{${replyKeyHash}}`,
    /** Marker that the unanswered question with this record key hash was recorded (a re-run turn records it once); same tag as the questions. */
    unansweredRecorded: (recordKeyHash: string) => `${p}:{unanswered}:recorded:${recordKeyHash}`,
  } as const;
}

/** The keys of one inbound queue partition, all under the partition's hash tag (`base` ends with it). */
function inboundPartitionKeys(base: string) {
  return {
    /** Hash of waiting and in-progress messages, id → message JSON (its length is the partition's depth). */
    messages: () => `${base}:messages`,
    /** Hash of claims so far per waiting message id. */
    deliveries: () => `${base}:deliveries`,
    /** List of one conversation's message ids, in order; the head is claimed or next. */
    conversation: (conversationKey: string) => `${base}:conv:${conversationKey}`,
    /** Hash of each non-empty conversation's head message id. */
    heads: () => `${base}:heads`,
    /** List of conversation keys ready to be claimed (non-empty, not leased). */
    ready: () => `${base}:ready`,
    /** Sorted set of leased (or released, waiting for a retry) conversation keys by deadline in ms. */
    leases: () => `${base}:leases`,
    /** Hash of the current lease id per leased conversation. */
    leaseIds: () => `${base}:leaseIds`,
    /** De-duplication marker of one message id (expires after the dedup window). */
    seen: (messageId: string) => `${base}:seen:${messageId}`,
    /** Hash of dead letters, message id → JSON record. */
    dead: () => `${base}:dead`,
    /** Sorted set of dead-letter message ids by the time they were given up (ms). */
    deadByTime: () => `${base}:dead:byTime`,
    /** Hash of each waiting message's channel (id → channel), for the per-channel bounds. */
    channelOf: () => `${base}:channelOf`,
    /** Hash of messages waiting or in progress per channel (channel → count). */
    channelDepth: () => `${base}:channelDepth`,
  } as const;
}

/** The keys of one inbound queue partition. */
export type InboundPartitionKeys = ReturnType<typeof inboundPartitionKeys>;

/** The key builder for one prefix. */
export type RedisKeys = ReturnType<typeof redisKeys>;
