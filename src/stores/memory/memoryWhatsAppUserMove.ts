import { assertSameShape, DEFAULT_MOVE_MARKER_TTL_SECONDS, type WhatsAppUserMove, type WhatsAppUserRecords } from '../whatsappUserMove.js';
import type { MemoryMenuMemory } from './memoryMenuMemory.js';
import type { MemoryStateStorage } from './memoryStateStorage.js';
import type { MemoryWhatsAppContacts } from './memoryWhatsAppContacts.js';

/**
 * In-memory {@link WhatsAppUserMove} over the embedded stores. Every record moves in one synchronous step
 * (no await in between), so no turn can see half a move; the marker behaves as on Redis.
 */
export class MemoryWhatsAppUserMove implements WhatsAppUserMove {
  private readonly markers = new Map<string, { target: string; expiresAt: number }>();

  constructor(
    private readonly stores: {
      readonly state: Pick<MemoryStateStorage, 'moveItem'>;
      readonly contacts: Pick<MemoryWhatsAppContacts, 'moveContact'>;
      readonly menus: Pick<MemoryMenuMemory, 'moveMenu'>;
    },
    private readonly markerTtlSeconds = DEFAULT_MOVE_MARKER_TTL_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  async move(from: WhatsAppUserRecords, to: WhatsAppUserRecords): Promise<void> {
    assertSameShape(from, to);
    if (from.waId === to.waId) return;
    from.stateKeys.forEach((key, i) => this.stores.state.moveItem(key, to.stateKeys[i]!));
    this.stores.contacts.moveContact(from.waId, to.waId);
    this.stores.menus.moveMenu(from.waId, to.waId);
  }

  async begin(oldId: string, newId: string): Promise<void> {
    for (const [id, marker] of this.markers) if (marker.expiresAt <= this.now()) this.markers.delete(id);
    this.markers.set(oldId, { target: newId, expiresAt: this.now() + this.markerTtlSeconds * 1000 });
  }

  async pendingTarget(oldId: string): Promise<string | undefined> {
    const marker = this.markers.get(oldId);
    return marker && marker.expiresAt > this.now() ? marker.target : undefined;
  }

  async end(oldId: string): Promise<void> {
    this.markers.delete(oldId);
  }
}
