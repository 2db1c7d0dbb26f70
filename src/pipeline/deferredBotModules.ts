// In a turn worker thread, botbuilder's package roots load the whole Bot Framework connector (Azure identity, two
// copies of @azure/msal-node, the Azure HTTP pipeline, jsonwebtoken, …: about 10 MB of heap per thread) although
// WhatsApp and web chat turns never authenticate with Azure: TurnContext requires botbuilder-core's root, whose
// index requires the connector for its configuration classes. This defers those modules until a turn first uses
// them (a Bot Framework reply), and loads one copy of the packages botbuilder's packages each carry at the same
// version (zod 3, uuid) instead of one per package. The stack stays botbuilder's: same classes, loaded later.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';

/** Node's CommonJS loader (botbuilder is CommonJS); `_load` is what every `require` goes through. */
interface CommonJsLoader {
  _load(request: string, parent: { filename?: string | null } | undefined, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: { filename?: string | null } | undefined, isMain: boolean): string;
}

/**
 * A `require(request)` from a file matching `from` gets a stand-in that loads the module at its first property
 * read: these are only read inside functions (when a Bot Framework turn runs), never while the requiring module
 * loads. `esModule`: the stand-in says `__esModule` without loading (TypeScript's `__importStar` asks at load).
 */
export const DEFERRED_NAMESPACES: ReadonlyArray<{ readonly from: RegExp; readonly request: RegExp; readonly esModule: boolean }> = [
  { from: /\/node_modules\/botbuilder(-core|-dialogs)?\/lib\//, request: /^botframework-connector$/, esModule: true },
  { from: /\/node_modules\/botbuilder-stdlib\/lib\/index\.js$/, request: /^\.\/azureCoreHttpCompat$/, esModule: true },
  { from: /\/node_modules\/botbuilder\/lib\//, request: /^botbuilder-stdlib\/lib\/azureCoreHttpCompat$/, esModule: true },
  { from: /\/node_modules\/botbuilder\/lib\//, request: /^(fs-extra|htmlparser2)$/, esModule: false },
  // The streaming transport of the Bot Framework (its own ws copy), and axios' CommonJS bundle next to the app's ES
  // build (`__importDefault` asks for `__esModule`, then reads `default`, which the bundle also exports).
  { from: /\/node_modules\/botbuilder\/lib\//, request: /^(botframework-streaming|axios)$/, esModule: true },
];

/**
 * Files that a package root re-exports and whose classes extend a deferred module's as they load: a stand-in module with these exports, each a stand-in class or function that loads the file when first used
 * (`new`, a call, a static or `prototype` read). Their names must be all the file exports (a test checks), and
 * `from` every file that requires them (another one would load them at once).
 */
export const DEFERRED_EXPORTS: ReadonlyArray<{ readonly from: RegExp; readonly request: string; readonly names: readonly string[] }> = [
  { from: /\/node_modules\/botbuilder-core\/lib\/index\.js$/, request: './configurationBotFrameworkAuthentication', names: ['ConfigurationBotFrameworkAuthentication', 'createBotFrameworkAuthenticationFromConfiguration'] },
  { from: /\/node_modules\/botbuilder-core\/lib\/index\.js$/, request: './configurationServiceClientCredentialFactory', names: ['ConfigurationServiceClientCredentialFactory', 'createServiceClientCredentialFactoryFromConfiguration'] },
  // botbuilder's CloudAdapter file defines a class extending botframework-streaming's RequestHandler.
  { from: /\/node_modules\/botbuilder\/lib\/(index|teamsInfo)\.js$/, request: './cloudAdapter', names: ['CloudAdapter'] },
];

/** Packages that botbuilder's packages each install their own copy of: one copy per version is loaded. */
export const SHARED_COPIES: ReadonlySet<string> = new Set(['zod', 'uuid']);

/** Where `from` must be for {@link SHARED_COPIES} to apply: botbuilder's own packages. */
const BOT_PACKAGE = /\/node_modules\/(botbuilder[^/]*|botframework-[^/]+)\/lib\//;

let installed = false;
const loadedLater: string[] = [];

/**
 * Installs the deferral in this thread (idempotent). Call before anything loads botbuilder: in a turn worker
 * thread's bootstrap (turnThreads.ts). Not in the instance's main thread, whose `/api/messages` needs it all.
 */
export function deferBotFrameworkModules(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as CommonJsLoader;
  const load = loader._load.bind(loader);
  const copies = new Map<string, string>(); // "zod@3.25.76" → the first copy's resolved file
  loader._load = function deferringLoad(request, parent, isMain) {
    const from = parent?.filename ?? '';
    if (!from.includes('/node_modules/')) return load(request, parent, isMain);
    const later = () => {
      loadedLater.push(request);
      return load(request, parent, false) as object;
    };
    const namespace = DEFERRED_NAMESPACES.find((rule) => rule.from.test(from) && rule.request.test(request));
    if (namespace && !from.includes('/node_modules/botframework-connector/')) return deferredNamespace(later, namespace.esModule);
    const exported = DEFERRED_EXPORTS.find((rule) => rule.request === request && rule.from.test(from));
    if (exported) return deferredExports(later, exported.names);
    if (SHARED_COPIES.has(request) && BOT_PACKAGE.test(from)) {
      const file = loader._resolveFilename(request, parent, false);
      const key = `${request}@${versionOf(file, request)}`;
      const first = copies.get(key);
      if (!first) copies.set(key, file);
      else if (first !== file) return load(first, parent, false);
    }
    return load(request, parent, isMain);
  };
}

/** Requests whose deferred module a turn has loaded since {@link deferBotFrameworkModules} (for tests and logs). */
export function deferredModulesLoaded(): readonly string[] {
  return [...loadedLater];
}

/** Version of the copy of `name` that `file` (resolved inside it) belongs to; `?` when it cannot be read (never shared). */
function versionOf(file: string, name: string): string {
  const at = file.lastIndexOf(`/node_modules/${name}/`);
  if (at < 0) return `? ${file}`;
  try {
    const json = JSON.parse(readFileSync(join(file.slice(0, at), 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? `? ${dirname(file)}`;
  } catch {
    return `? ${dirname(file)}`;
  }
}

/** A module object that loads the real one at its first property read (see {@link DEFERRED_NAMESPACES}). */
function deferredNamespace(later: () => object, esModule: boolean): object {
  let real: object | undefined;
  const target = () => (real ??= later());
  return new Proxy({}, {
    get: (_stub, key) => (esModule && key === '__esModule' && !real ? true : Reflect.get(target(), key)),
    set: (_stub, key, value) => Reflect.set(target(), key, value),
    has: (_stub, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    // Reported configurable: a proxy may not report a non-configurable property its (empty) stub lacks.
    getOwnPropertyDescriptor: (_stub, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/** A module object whose exports `names` are stand-ins that load the real module when first used. */
function deferredExports(later: () => object, names: readonly string[]): object {
  let real: Record<string, unknown> | undefined;
  const target = () => (real ??= later() as Record<string, unknown>);
  const module: Record<string, unknown> = {};
  Object.defineProperty(module, '__esModule', { value: true });
  for (const name of names) {
    const standIn = deferredCallable(() => target()[name] as (...args: unknown[]) => unknown);
    // Once loaded, the real export (a module that reads it after a turn used it gets the class itself).
    Object.defineProperty(module, name, { enumerable: true, get: () => (real ? real[name] : standIn) });
  }
  return module;
}

/**
 * A function that stands for a class or function until it is used: `new` builds an instance of the real class
 * (its prototype, so `instanceof` and subclasses work), a call calls it, a property read reads the real one.
 */
function deferredCallable(real: () => (...args: unknown[]) => unknown): unknown {
  const stub = function deferred(): void {};
  const standIn: Function = new Proxy(stub, {
    get: (_stub, key) => Reflect.get(real(), key),
    set: (_stub, key, value) => Reflect.set(real(), key, value),
    has: (_stub, key) => Reflect.has(real(), key),
    apply: (_stub, self, args: unknown[]) => Reflect.apply(real(), self, args),
    construct: (_stub, args: unknown[], newTarget: Function) => Reflect.construct(real(), args, newTarget === standIn ? real() : newTarget) as object,
  });
  return standIn;
}
