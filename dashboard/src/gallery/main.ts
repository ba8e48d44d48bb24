import { CASES } from './cases.ts';

declare global {
  interface Window {
    /** Used by dashboard/charts.test.ts: renders a case into a detached document and serializes it. */
    __gallery?: { names: string[]; render(name: string): string };
  }
}

const detached = (): Document => document.implementation.createHTMLDocument('snapshot');

window.__gallery = {
  names: CASES.map((c) => c.name),
  render(name) {
    const c = CASES.find((x) => x.name === name);
    if (!c) throw new Error(`unknown case: ${name}`);
    return new XMLSerializer().serializeToString(c.render(detached()));
  },
};

const list = document.querySelector<HTMLElement>('#cases')!;
for (const c of CASES) {
  const section = document.createElement('section');
  section.className = 'gallery-case';
  section.id = c.name;
  const h = document.createElement('h2');
  h.textContent = c.name;
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = c.description;
  section.append(h, p, c.render(document));
  list.append(section);
}
document.body.dataset.ready = 'true';
