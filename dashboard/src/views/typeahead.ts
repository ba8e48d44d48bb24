/**
 * A type-ahead picker (ARIA 1.2 combobox + listbox) backed by a server search: the options are
 * fetched as the user types (debounced, latest request wins), never a dropdown of thousands.
 * Arrow keys move through the options, Enter picks, Escape closes. The picked value's label stays in
 * the input; `onPick` gets the option.
 */
import { h } from './ui.ts';

export interface PickOption {
  readonly value: string;
  readonly text: string;
  /** Small print after the text (kind, code, matched alternative label). */
  readonly detail?: string;
}

export interface TypeaheadOptions {
  readonly label: string;
  readonly id: string;
  readonly placeholder: string;
  /** The current pick (shown in the input), or null. */
  readonly initial: PickOption | null;
  readonly search: (text: string, signal: AbortSignal) => Promise<readonly PickOption[]>;
  readonly onPick: (option: PickOption) => void;
  readonly delayMs?: number;
}

export function typeahead(o: TypeaheadOptions): HTMLElement {
  const listId = `${o.id}-options`;
  const input = h('input', {
    id: o.id,
    name: o.id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    placeholder: o.placeholder,
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    value: o.initial?.text ?? '',
  });
  const list = h('ul', { id: listId, class: 'results typeahead-list', role: 'listbox', 'aria-label': `${o.label} options`, hidden: true });
  const status = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  let options: readonly PickOption[] = [];
  let active = -1;
  let picked = o.initial;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ctrl: AbortController | null = null;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number): void => {
    active = i;
    list.querySelectorAll('li').forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${listId}-${i}`);
    list.querySelector<HTMLElement>(`#${CSS.escape(`${listId}-${i}`)}`)?.scrollIntoView({ block: 'nearest' });
  };
  const pick = (i: number): void => {
    const opt = options[i];
    if (!opt) return;
    picked = opt;
    input.value = opt.text;
    close();
    o.onPick(opt);
  };
  const render = (): void => {
    list.replaceChildren(
      ...options.map((opt, i) =>
        h(
          'li',
          { id: `${listId}-${i}`, role: 'option', class: 'hit', 'aria-selected': 'false', 'data-value': opt.value, onmousedown: (e: Event) => e.preventDefault(), onclick: () => pick(i) },
          opt.text,
          opt.detail ? h('small', {}, ` ${opt.detail}`) : null,
        ),
      ),
    );
    if (options.length === 0) list.append(h('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, 'No match'));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = `${options.length} option${options.length === 1 ? '' : 's'}`;
    active = -1;
  };
  const run = async (text: string): Promise<void> => {
    ctrl?.abort();
    const mine = new AbortController();
    ctrl = mine;
    try {
      const found = await o.search(text, mine.signal);
      if (mine.signal.aborted) return;
      options = found;
      render();
    } catch (e) {
      if (mine.signal.aborted) return;
      options = [];
      list.replaceChildren(h('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, `Search failed: ${e instanceof Error ? e.message : String(e)}`));
      list.hidden = false;
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text === '') return close();
    timer = setTimeout(() => void run(text), o.delayMs ?? 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) {
        if (input.value.trim()) void run(input.value.trim());
        return;
      }
      const n = options.length;
      if (n === 0) return;
      highlight(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === 'Enter') {
      if (!list.hidden && options.length > 0) {
        e.preventDefault();
        pick(active >= 0 ? active : 0);
      }
    } else if (e.key === 'Escape') {
      close();
      if (picked) input.value = picked.text;
    }
  });
  input.addEventListener('blur', () => {
    close();
    if (picked && input.value.trim() === '') input.value = picked.text;
  });
  return h('div', { class: 'field typeahead grow' }, h('label', { for: o.id }, o.label), input, list, status);
}
