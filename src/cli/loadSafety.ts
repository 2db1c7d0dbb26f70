import { ContentError } from '../domain/content/contentError.js';
import { loadContent } from '../domain/content/contentLoader.js';
import { buildSafetyDetector } from '../domain/safety/learnedSafetyLayer.js';
import type { SafetyDetector } from '../domain/safety/safetyDetector.js';

/**
 * Builds the safety detector (the rules, then the learned layer) over the content in `localesDir`, as the server does (`nlu`, `nlu:eval`).
 * @throws ContentError listing every `file:line: problem` when the content is not valid.
 */
export function loadSafetyDetector(localesDir: string): SafetyDetector {
  const { snapshot, errors } = loadContent(localesDir);
  if (!snapshot) throw new ContentError(errors);
  return buildSafetyDetector(snapshot);
}
