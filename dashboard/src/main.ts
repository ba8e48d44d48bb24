import { createClient } from './data/client.ts';
import { createKeyStore } from './data/key.ts';
import { createDashboardApi } from './data/queries.ts';
import { createRouter, formatHash } from './router.ts';
import { installTooltip } from './tooltip.ts';
import { fitView } from './views/fit.ts';
import { credentialsView } from './views/credentials.ts';
import { gapsView } from './views/gaps.ts';
import { pathwayView } from './views/pathway.ts';
import { taxonomyView } from './views/taxonomy.ts';
import { trendsView } from './views/trends.ts';
import type { View } from './views/view.ts';

const VIEWS: Record<string, { title: string; view: View }> = {
  gaps: { title: 'Gap heatmap', view: gapsView },
  taxonomy: { title: 'Taxonomy', view: taxonomyView },
  fit: { title: 'Role fit', view: fitView },
  pathway: { title: 'Learner pathway', view: pathwayView },
  trends: { title: 'Demand trends', view: trendsView },
  credentials: { title: 'Credentials', view: credentialsView },
};

let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  storage = null;
}
const keys = createKeyStore(location, storage);
// the key leaves the address bar once remembered
if (new URLSearchParams(location.search).has('key')) history.replaceState(null, '', `${location.pathname}${location.hash}`);
let api = createDashboardApi(createClient({ key: () => keys.get() }));

const nav = document.querySelector<HTMLElement>('#nav')!;
const main = document.querySelector<HTMLElement>('#view')!;
for (const [name, { title }] of Object.entries(VIEWS)) {
  const a = document.createElement('a');
  a.href = formatHash(name, {});
  a.textContent = title;
  a.dataset.view = name;
  nav.append(a);
}

// API key input
const keyForm = document.querySelector<HTMLFormElement>('#key-form')!;
const keyInput = document.querySelector<HTMLInputElement>('#api-key')!;
keyInput.value = keys.get() ?? '';
const keyMissing = document.querySelector<HTMLElement>('#key-missing')!;
keyMissing.hidden = keys.get() !== null;
keyForm.addEventListener('submit', (e) => {
  e.preventDefault();
  keys.set(keyInput.value);
  keyMissing.hidden = keys.get() !== null;
  api = createDashboardApi(createClient({ key: () => keys.get() }));
  mountCurrent();
});

let dispose: (() => void) | null = null;
let currentName = '';
let currentParams = new URLSearchParams();
let currentItem = '';
function mount(name: string, params: URLSearchParams, item: string): void {
  dispose?.();
  currentName = name;
  currentParams = params;
  currentItem = item;
  const entry = VIEWS[name]!;
  document.title = `${entry.title} · skillgraph`;
  for (const a of nav.querySelectorAll('a')) a.setAttribute('aria-current', a.dataset.view === name ? 'page' : 'false');
  main.replaceChildren();
  main.dataset.view = name;
  dispose = entry.view(main, { api, params, item, setParams: (p) => router.replaceParams(p) });
}
function mountCurrent(): void {
  mount(currentName, new URLSearchParams(location.hash.split('?')[1] ?? currentParams.toString()), currentItem);
}
const router = createRouter(Object.keys(VIEWS), 'gaps', (route) => mount(route.name, route.params, route.item));
installTooltip(main);
router.start();
