/**
 * Keyboard access for chart marks: each mark is a tab stop (only the active one has tabindex 0,
 * roving tabindex), Enter/Space activates, arrow keys move along a grid of `data-row`/`data-col`.
 */
export type Activate = (el: Element) => void;

export interface FocusableMark {
  readonly row: number;
  readonly col: number;
  readonly label: string;
}

export function markFocusable(el: Element, mark: FocusableMark, first: boolean): void {
  el.setAttribute('tabindex', first ? '0' : '-1');
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', mark.label);
  el.setAttribute('data-row', String(mark.row));
  el.setAttribute('data-col', String(mark.col));
  el.classList.add('mark');
}

function at(root: Element, row: number, col: number): HTMLElement | SVGElement | null {
  return root.querySelector<SVGElement>(`.mark[data-row="${row}"][data-col="${col}"]`);
}

/** Installs one keydown handler on `root` driving every `.mark` inside it. */
export function bindGridKeys(root: Element, onActivate: Activate, moves?: Partial<Record<string, (row: number, col: number) => [number, number] | null>>): void {
  root.addEventListener('keydown', (event) => {
    const e = event as KeyboardEvent;
    const target = e.target as Element | null;
    if (!target || !target.classList?.contains('mark')) return;
    const row = Number(target.getAttribute('data-row'));
    const col = Number(target.getAttribute('data-col'));
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(target);
      return;
    }
    const custom = moves?.[e.key];
    const deltas: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next: [number, number] | null = null;
    if (custom) next = custom(row, col);
    else if (deltas[e.key]) next = [row + deltas[e.key]![0], col + deltas[e.key]![1]];
    else if (e.key === 'Home') next = [row, 0];
    if (!next) return;
    const el = at(root, next[0], next[1]);
    if (!el) return;
    e.preventDefault();
    target.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    el.focus();
  });
}
