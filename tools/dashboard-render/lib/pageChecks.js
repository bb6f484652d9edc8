/**
 * DOM checks run inside the page (puppeteer `page.evaluate(pageChecks)`; no imports, no closures)
 * on the visualizations of the tab on screen. Returns problems as
 * `{ viz, check, detail }`; an empty array means the tab reads well:
 *  - "visualization error": an error or warning message inside a visualization;
 *  - "empty": a table without rows, a single value without a value, or a "No data" placeholder;
 *  - "cell overflow": cell text wider than its cell with no ellipsis (spills or is cut silently);
 *  - "row height": a table row taller than two lines of its text;
 *  - "header broken" / "header truncated": a column header wrapped inside a word, or cut short.
 * Table DOM of @splunk/visualizations 28.6 (data-test = main-table, head-cell, row, cell).
 */
export function pageChecks() {
  const problems = [];
  const add = (viz, check, detail) => problems.push({ viz, check, detail: String(detail).replace(/\s+/g, ' ').trim().slice(0, 160) });
  const textNodes = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT) });
    const out = [];
    while (walker.nextNode()) out.push(walker.currentNode);
    return out;
  };
  const lineHeight = (el) => {
    const style = getComputedStyle(el);
    const value = parseFloat(style.lineHeight);
    return Number.isFinite(value) ? value : parseFloat(style.fontSize) * 1.2;
  };
  /** True when the text node's layout box is wider than `box` and no element from it up to `box` truncates with an ellipsis. */
  const overflowsWithoutEllipsis = (node, box) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const text = range.getBoundingClientRect();
    const limit = box.getBoundingClientRect();
    const style = getComputedStyle(box);
    const right = limit.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    if (text.right <= right + 1) return false;
    for (let el = node.parentElement; el && box.contains(el); el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.textOverflow === 'ellipsis' && s.overflowX !== 'visible') return false;
    }
    return true;
  };

  for (const viz of document.querySelectorAll('[data-test="viz-item"]')) {
    const id = viz.getAttribute('data-id');
    const type = viz.getAttribute('data-viz-type');
    const rect = viz.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    for (const el of viz.querySelectorAll('[data-test*="error" i], [data-test*="warning" i], [data-test="message"], [role="alert"]')) add(id, 'visualization error', el.textContent || el.getAttribute('data-test'));
    if (/\bNo data\b|No results found|Search did not return/i.test(viz.innerText)) add(id, 'empty', viz.innerText);

    if (type === 'splunk.singlevalue') {
      const major = viz.querySelector('[data-test="majorValue"]');
      if (!major || !major.textContent.trim()) add(id, 'empty', 'no major value');
    }
    if (type === 'splunk.markdown') {
      for (const el of viz.querySelectorAll('*')) {
        const s = getComputedStyle(el);
        if ((s.overflowY === 'auto' || s.overflowY === 'scroll' || s.overflowY === 'hidden') && el.scrollHeight > el.clientHeight + 2) {
          add(id, 'markdown cut off', `${el.scrollHeight}px of text in ${el.clientHeight}px`);
          break;
        }
      }
    }
    if (type !== 'splunk.table') continue;
    const rows = [...viz.querySelectorAll('[data-test="row"]')];
    if (!rows.some((row) => row.querySelector('[data-test="cell"]'))) add(id, 'empty', 'table without rows');
    for (const head of viz.querySelectorAll('[data-test="head-cell"]')) {
      for (const node of textNodes(head)) {
        const label = node.textContent;
        if (overflowsWithoutEllipsis(node, head) || node.parentElement.scrollWidth > node.parentElement.clientWidth + 1) add(id, 'header truncated', label);
        let offset = 0;
        for (const word of label.split(/(\s+)/)) {
          if (word.trim()) {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + word.length);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1) add(id, 'header broken', `"${word}" in "${label}"`);
          }
          offset += word.length;
        }
      }
    }
    for (const cell of viz.querySelectorAll('[data-test="cell"]')) {
      for (const node of textNodes(cell)) if (overflowsWithoutEllipsis(node, cell)) add(id, 'cell overflow', node.textContent);
    }
    const dataRows = rows.filter((row) => row.querySelector('[data-test="cell"]'));
    for (const [i, row] of dataRows.entries()) {
      const cells = [...row.querySelectorAll('[data-test="cell"]')];
      const text = cells.flatMap(textNodes)[0];
      if (!text) continue;
      const cellStyle = getComputedStyle(cells[0]);
      const chrome = parseFloat(cellStyle.paddingTop) + parseFloat(cellStyle.paddingBottom) + parseFloat(cellStyle.borderTopWidth) + parseFloat(cellStyle.borderBottomWidth);
      const limit = 2 * lineHeight(text.parentElement) + chrome + 2;
      const height = row.getBoundingClientRect().height;
      if (height > limit) add(id, 'row height', `row ${i + 1} is ${Math.round(height)}px, two lines are ${Math.round(limit)}px`);
    }
  }
  return problems;
}
