// The original PDF page beside the rebuilt tables: pdf.js (served from the project's node_modules
// under /static/pdfjs/) renders the page that holds the chosen finding's evidence, and each
// evidence item is drawn as a box over it. Under the page: the text pdf.js finds inside the boxes
// (a cross-check that the box sits on the cited cell) and, for scans, the OCR confidence.
import * as pdfjs from '/static/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/static/pdfjs/pdf.worker.min.mjs';

const figure = document.getElementById('pdf-view');
if (figure) {
  const pageInfo = JSON.parse(figure.dataset.pages || '[]');
  const holder = figure.querySelector('.pdf-page');
  const canvas = holder.querySelector('canvas');
  const label = figure.querySelector('.pdf-page-label');
  const buttons = figure.querySelector('.pdf-page-buttons');
  const statusLine = figure.querySelector('.pdf-status');
  let loading = null;
  let task = null;
  let generation = 0;

  const load = () =>
    (loading ??= pdfjs.getDocument({
      url: figure.dataset.src,
      cMapUrl: '/static/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/static/pdfjs/standard_fonts/',
      wasmUrl: '/static/pdfjs/wasm/',
      isEvalSupported: false,
      enableXfa: false,
    }).promise);

  const ocrText = (info) => {
    if (!info || (info.textSource !== 'ocr' && info.textSource !== 'ocr-layer')) return '';
    const what = info.textSource === 'ocr' ? '本页为扫描件，文字由 OCR 识别' : '本页为扫描件，文字来自 OCR 文字层';
    return info.confidence != null ? `${what}，平均可信度 ${Math.round(info.confidence * 100)}%` : what;
  };

  /** Text items of the page whose middle lies inside the box (page coordinates at scale 1). */
  const textInside = (items, viewport, bbox) => {
    const [x0, y0, x1, y1] = bbox;
    const found = [];
    for (const item of items) {
      if (!item.str || !item.str.trim()) continue;
      const t = pdfjs.Util.transform(viewport.transform, item.transform);
      const height = Math.hypot(t[2], t[3]);
      const cx = t[4] + (item.width || 0) * viewport.scale / 2;
      const cy = t[5] - height / 2;
      if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) found.push(item.str.trim());
    }
    return found.join('');
  };

  async function show(boxes, pageNo) {
    const mine = ++generation;
    statusLine.textContent = `正在载入原件第 ${pageNo} 页……`;
    try {
      const doc = await load();
      const page = await doc.getPage(pageNo);
      const info = pageInfo.find((p) => p.page === pageNo);
      const rotation = ((page.rotate || 0) + (info ? info.rotation : 0)) % 360;
      const base = page.getViewport({ scale: 1, rotation });
      const cssWidth = Math.max(320, Math.min(figure.clientWidth || 800, 1100));
      const scale = cssWidth / base.width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio, rotation });
      if (task) task.cancel();
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      holder.hidden = false;
      task = page.render({ canvasContext: canvas.getContext('2d'), viewport });
      await task.promise;
      if (mine !== generation) return;
      for (const old of holder.querySelectorAll('.box')) old.remove();
      const content = await page.getTextContent();
      const under = [];
      for (const b of boxes.filter((x) => x.page === pageNo)) {
        const [x0, y0, x1, y1] = b.bbox;
        const box = document.createElement('div');
        box.className = `box sev-${b.severity} cur`;
        box.dataset.evidence = String(b.evidence);
        box.title = `证据${b.evidence}`;
        box.style.left = `${x0 * scale}px`;
        box.style.top = `${y0 * scale}px`;
        box.style.width = `${(x1 - x0) * scale}px`;
        box.style.height = `${(y1 - y0) * scale}px`;
        const text = textInside(content.items, base, b.bbox);
        box.dataset.text = text;
        holder.append(box);
        const conf = b.textSource ? `（${b.textSource === 'ocr' ? 'OCR' : 'OCR 文字层'}${b.confidence != null ? ` 可信度 ${Math.round(b.confidence * 100)}%` : ''}）` : '';
        under.push(`证据${b.evidence}：${text || '（框内没有文字层）'}${conf}`);
      }
      label.textContent = `第 ${pageNo} 页`;
      const ocr = ocrText(info);
      statusLine.textContent = `${under.join('；')}${ocr ? `。${ocr}` : ''}`;
      holder.dataset.page = String(pageNo);
      holder.dataset.rendered = 'true';
      // Bring the first box into the source pane's view.
      const pane = figure.closest('.source-pane');
      const first = holder.querySelector('.box');
      if (pane && first && pane.scrollHeight > pane.clientHeight + 1) {
        pane.scrollTop += first.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 3;
      }
    } catch (e) {
      if (e && e.name === 'RenderingCancelledException') return;
      statusLine.textContent = `无法显示原件页面：${e && e.message ? e.message : e}`;
    }
  }

  function choose(boxes) {
    buttons.textContent = '';
    holder.dataset.rendered = 'false';
    if (!boxes.length) {
      generation++;
      holder.hidden = true;
      label.textContent = '';
      statusLine.textContent = '这条发现的证据没有页面位置。';
      return;
    }
    const pages = [...new Set(boxes.map((b) => b.page))].sort((a, b) => a - b);
    if (pages.length > 1) {
      for (const p of pages) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        button.textContent = `第 ${p} 页`;
        button.addEventListener('click', () => show(boxes, p));
        buttons.append(button);
      }
    }
    show(boxes, pages[0]);
  }

  document.addEventListener('finding:select', (e) => choose(e.detail.boxes || []));
  // review.js may have chosen a finding before this module ran.
  const current = document.querySelector('ol.findings li.current article.finding');
  if (current) {
    try {
      choose(JSON.parse(current.dataset.boxes || '[]'));
    } catch {
      choose([]);
    }
  }
}
