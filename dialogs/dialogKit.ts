// The few botbuilder-dialogs classes the dialogs and the bot use, imported from their own files instead of the
// package root. The root also loads the prompts, choices and their recognizers-text packages (date, number and
// choice recognizers for many cultures), which nothing here uses: about 17 MB of heap in every turn worker thread
// (README "Performance", memory). The classes are the same objects the root exports (it re-exports these files).
export { Dialog, DialogReason, DialogTurnStatus, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';
