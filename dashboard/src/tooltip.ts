/**
 * One HTML tooltip for every chart: on hover or keyboard focus of a mark it shows the mark's <title>
 * text (moved aside while shown so the browser's own tooltip does not double it).
 */
export function installTooltip(container: HTMLElement): void {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);
  let owner: Element | null = null;
  let saved = '';

  const titleOf = (el: Element): SVGTitleElement | null => {
    for (const c of el.children) if (c.tagName.toLowerCase() === 'title') return c as SVGTitleElement;
    return null;
  };
  const hide = (): void => {
    if (owner) {
      const t = titleOf(owner);
      if (t && saved) t.textContent = saved;
    }
    owner = null;
    saved = '';
    tip.hidden = true;
  };
  const show = (el: Element, x: number, y: number): void => {
    if (owner !== el) {
      hide();
      const t = titleOf(el);
      if (!t?.textContent) return;
      owner = el;
      saved = t.textContent;
      t.textContent = '';
      tip.textContent = saved;
    }
    tip.hidden = false;
    const w = tip.offsetWidth;
    const hgt = tip.offsetHeight;
    const left = Math.min(window.innerWidth - w - 8, x + 14);
    const top = y + 16 + hgt > window.innerHeight ? y - hgt - 10 : y + 16;
    tip.style.left = `${Math.max(4, left)}px`;
    tip.style.top = `${Math.max(4, top)}px`;
  };
  const markOf = (target: EventTarget | null): Element | null => {
    const el = target instanceof Element ? target : null;
    const mark = el?.closest('svg.chart .mark, svg.chart .cell, svg.chart .node, svg.chart .step, svg.chart .trend, svg.chart .bar');
    return mark ?? null;
  };
  container.addEventListener('pointermove', (e) => {
    const m = markOf(e.target);
    if (m) show(m, e.clientX, e.clientY);
    else hide();
  });
  container.addEventListener('pointerleave', hide);
  container.addEventListener('focusin', (e) => {
    const m = markOf(e.target);
    if (!m) return hide();
    const box = m.getBoundingClientRect();
    show(m, box.left + Math.min(box.width, 40), box.top + Math.min(box.height, 24));
  });
  container.addEventListener('focusout', hide);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
}
