import { assertSameShape, type WhatsAppUserMove, type WhatsAppUserRecords } from '../whatsappUserMove.js';
import type { MemoryMenuMemory } from './memoryMenuMemory.js';
import type { MemoryStateStorage } from './memoryStateStorage.js';
import type { MemoryWhatsAppContacts } from './memoryWhatsAppContacts.js';

/**
 * In-memory {@link WhatsAppUserMove} over the embedded stores. Every record moves in one synchronous step
 * (no await in between), so no turn can see half a move.
 */
export class MemoryWhatsAppUserMove implements WhatsAppUserMove {
  constructor(
    private readonly stores: {
      readonly state: Pick<MemoryStateStorage, 'moveItem'>;
      readonly contacts: Pick<MemoryWhatsAppContacts, 'moveContact'>;
      readonly menus: Pick<MemoryMenuMemory, 'moveMenu'>;
    },
  ) {}

  async move(from: WhatsAppUserRecords, to: WhatsAppUserRecords): Promise<void> {
    assertSameShape(from, to);
    from.stateKeys.forEach((key, i) => this.stores.state.moveItem(key, to.stateKeys[i]!));
    this.stores.contacts.moveContact(from.waId, to.waId);
    this.stores.menus.moveMenu(from.waId, to.waId);
  }
}
