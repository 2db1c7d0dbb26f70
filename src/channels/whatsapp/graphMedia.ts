import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { GraphApiError } from './graphClient.js';

const MediaInfo = z.object({ url: z.url(), mime_type: z.string().optional() });

/** Largest media a caseworker can open through the console, in bytes (WhatsApp's own limit for documents is 100 MB). */
const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

/**
 * Reads a media file a WhatsApp user sent, by its media id (Graph: `GET /{media-id}` gives a short-lived URL, which
 * is fetched with the same token). Nothing is stored: the bytes go straight to the caseworker's browser.
 */
export class GraphMedia {
  private readonly http: AxiosInstance;

  constructor(options: { apiUrl: string; accessToken: string; timeoutMs?: number }) {
    this.http = axios.create({
      baseURL: options.apiUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 15_000,
      headers: { authorization: `Bearer ${options.accessToken}` },
      validateStatus: () => true,
      maxContentLength: MAX_MEDIA_BYTES,
    });
  }

  /** The media's type and bytes, or undefined when Graph no longer has it (media expire after 30 days). */
  async fetch(mediaId: string): Promise<{ contentType: string; data: Buffer } | undefined> {
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(mediaId)) return undefined;
    const method = 'GET /{media-id}';
    const info = await this.http.get(`/${encodeURIComponent(mediaId)}`).catch(() => {
      throw new GraphApiError({ method, graphMessage: 'connection failed' });
    });
    if (info.status === 404 || info.status === 400) return undefined;
    if (info.status !== 200) throw new GraphApiError({ status: info.status, method });
    const parsed = MediaInfo.safeParse(info.data);
    if (!parsed.success) throw new GraphApiError({ status: 200, method, graphMessage: 'answer without media url' });
    const file = await this.http.get(parsed.data.url, { baseURL: '', responseType: 'arraybuffer' }).catch(() => {
      throw new GraphApiError({ method: 'GET media url', graphMessage: 'connection failed' });
    });
    if (file.status !== 200) throw new GraphApiError({ status: file.status, method: 'GET media url' });
    const contentType = String(file.headers['content-type'] ?? parsed.data.mime_type ?? 'application/octet-stream');
    return { contentType, data: Buffer.from(file.data as ArrayBuffer) };
  }
}
