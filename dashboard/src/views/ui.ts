/** Small DOM helpers shared by the views (no framework). */
import { ApiError, ApiErrorCode } from '../data/errors.ts';

type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A box that keeps its size while its content changes (no layout jumps). */
export function chartSlot(minHeight: number, label: string): HTMLDivElement {
  return h('div', { class: 'chart-slot', style: `min-height:${minHeight}px`, 'aria-live': 'polite', 'aria-label': label });
}

export function showLoading(slot: HTMLElement, what: string): void {
  slot.setAttribute('aria-busy', 'true');
  slot.replaceChildren(h('div', { class: 'state loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`));
}

export function showError(slot: HTMLElement, error: unknown, retry?: () => void): void {
  slot.removeAttribute('aria-busy');
  const message = error instanceof Error ? error.message : String(error);
  const auth = error instanceof ApiError && (error.code === ApiErrorCode.Unauthenticated || error.code === ApiErrorCode.Forbidden);
  slot.replaceChildren(
    h(
      'div',
      { class: 'state error', role: 'alert' },
      h('strong', {}, auth ? 'Not allowed: ' : 'Could not load: '),
      message,
      auth ? h('p', {}, 'Enter an API key above (npm start prints a URL with one).') : null,
      retry ? h('button', { type: 'button', onclick: () => retry() }, 'Retry') : null,
    ),
  );
}

export function showEmpty(slot: HTMLElement, message: string): void {
  slot.removeAttribute('aria-busy');
  slot.replaceChildren(h('div', { class: 'state empty' }, message));
}

export function showChart(slot: HTMLElement, ...nodes: Node[]): void {
  slot.removeAttribute('aria-busy');
  slot.replaceChildren(...nodes);
}

/** Content width available to a chart inside `el` (without its padding; at least `min`). */
export function widthOf(el: HTMLElement, min = 280): number {
  const style = getComputedStyle(el);
  const padding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
  return Math.max(min, Math.floor((el.clientWidth || 960) - padding));
}

/** Calls `fn` when `el`'s width changes (debounced); returns a disposer. */
export function onResize(el: HTMLElement, fn: () => void): () => void {
  let last = widthOf(el);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ro = new ResizeObserver(() => {
    const w = widthOf(el);
    if (Math.abs(w - last) < 8) return;
    last = w;
    clearTimeout(timer);
    timer = setTimeout(fn, 120);
  });
  ro.observe(el);
  return () => {
    clearTimeout(timer);
    ro.disconnect();
  };
}

/** Runs async loads one at a time: a newer call aborts the previous one. */
export function latest(): { run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T | undefined>; abort(): void } {
  let ctrl: AbortController | null = null;
  return {
    async run(fn) {
      ctrl?.abort();
      const mine = new AbortController();
      ctrl = mine;
      try {
        const v = await fn(mine.signal);
        return mine.signal.aborted ? undefined : v;
      } catch (e) {
        if (mine.signal.aborted) return undefined;
        throw e;
      }
    },
    abort: () => ctrl?.abort(),
  };
}

/** `<select>` from options; value '' for a placeholder. */
export function select(label: string, id: string, options: readonly { value: string; text: string }[], value: string, onChange: (v: string) => void): HTMLLabelElement {
  const sel = h('select', { id, name: id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) });
  for (const o of options) {
    const opt = h('option', { value: o.value }, o.text);
    if (o.value === value) opt.selected = true;
    sel.append(opt);
  }
  return h('label', { class: 'field', for: id }, h('span', {}, label), sel);
}
