import { DEFAULT_LINK_TTL_SECONDS, type WhatsAppIdentityLinks } from '../whatsappIdentityLinks.js';

/** In-process {@link WhatsAppIdentityLinks} for the embedded store; links expire like on Redis. */
export class MemoryWhatsAppIdentityLinks implements WhatsAppIdentityLinks {
  private readonly links = new Map<string, { canonical: string; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds = DEFAULT_LINK_TTL_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  async link(alias: string, canonical: string): Promise<void> {
    if (alias === canonical) return;
    this.sweep();
    this.links.set(alias, { canonical, expiresAt: this.now() + this.ttlSeconds * 1000 });
  }

  async resolve(id: string): Promise<string | undefined> {
    const link = this.live(id);
    if (link) link.expiresAt = this.now() + this.ttlSeconds * 1000;
    return link?.canonical;
  }

  async aliasesOf(canonical: string): Promise<string[]> {
    return [...this.links.keys()].filter((alias) => this.live(alias)?.canonical === canonical).sort();
  }

  async unlink(alias: string): Promise<void> {
    this.links.delete(alias);
  }

  async forget(canonical: string): Promise<void> {
    for (const alias of await this.aliasesOf(canonical)) this.links.delete(alias);
    this.links.delete(canonical);
  }

  async move(oldId: string, newId: string): Promise<void> {
    if (oldId === newId) return;
    for (const alias of await this.aliasesOf(oldId)) {
      if (alias === newId) this.links.delete(alias);
      else this.links.get(alias)!.canonical = newId;
    }
  }

  private live(alias: string): { canonical: string; expiresAt: number } | undefined {
    const link = this.links.get(alias);
    if (link && link.expiresAt <= this.now()) {
      this.links.delete(alias);
      return undefined;
    }
    return link;
  }

  private sweep(): void {
    for (const alias of [...this.links.keys()]) this.live(alias);
  }
}
