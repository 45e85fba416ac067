// sift review UI: small progressive enhancement over server-rendered pages. Every text from the
// server goes into the DOM through textContent / value, never innerHTML.
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var STATUS_LABELS = { pending: '待定', accepted: '已接受', rejected: '已拒绝' };
  var toastTimer = null;

  function showToast(message, isError) {
    var toast = document.getElementById('toast');
    if (!toast) return;
    toast.textContent = message;
    toast.classList.toggle('is-error', Boolean(isError));
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, isError ? 8000 : 2500);
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function handleFailure(result) {
    if (result.status === 401) {
      showToast('登录已过期，请重新登录 Session expired: sign in again', true);
      setTimeout(function () { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); }, 1200);
      return;
    }
    var message = (result.data && result.data.message) || ('请求失败 request failed (' + result.status + ')');
    showToast(message, true);
  }

  function isTyping(event) {
    var target = event.target;
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
  }

  function makeElement(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // For the board's other scripts (drafts.js), which load after this one.
  window.siftReview = { showToast: showToast, postJson: postJson, makeElement: makeElement };

  // ───────────────── board for a real week: storage, views, seen marks, collect now ─────────────────
  function readStored(storage, key, fallback) {
    try {
      var text = storage.getItem(key);
      return text === null ? fallback : JSON.parse(text);
    } catch (error) {
      return fallback; // storage off (private mode) or a value from an older version: start over
    }
  }

  function writeStored(storage, key, value) {
    try { storage.setItem(key, JSON.stringify(value)); } catch (error) { /* storage full or off: the feature just forgets */ }
  }

  /** The board's week, from its filter form (`/weeks/2026-W48`); `/` shows the current one. */
  function boardWeek() {
    var form = document.querySelector('form.filters');
    return form ? form.getAttribute('action').split('/').pop() : '';
  }

  /**
   * The undo history of this tab and week, in sessionStorage so that it survives the page loads a
   * search or a filter makes. `versions`: the last version this tab saved per item, for undoing
   * an item the filters no longer show.
   */
  function loadUndoState(week) {
    var state = readStored(sessionStorage, 'sift-undo:' + week, null);
    if (!state || !Array.isArray(state.entries) || typeof state.versions !== 'object' || !state.versions) state = { entries: [], versions: {} };
    return state;
  }

  function saveUndoState(week, state) {
    if (state.entries.length > 100) state.entries.splice(0, state.entries.length - 100);
    writeStored(sessionStorage, 'sift-undo:' + week, state);
  }

  /** The write that puts a decision back as it was (no decision = pending, no overrides). */
  function undoPatch(previous) {
    previous = previous || { status: 'pending', category: null, title: null, summary: null, note: null, imageUrl: null, imageAlt: null };
    return { status: previous.status, category: previous.category, title: previous.title, summary: previous.summary, note: previous.note, imageUrl: previous.imageUrl, imageAlt: previous.imageAlt };
  }

  /** `12月1日 09:30` in the curator's own time zone. */
  function formatLocalTime(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return '';
    return date.toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  }

  /** What a 409 says, in the UI's language and the curator's local time (the server's text is English and UTC). */
  function conflictMessage(current) {
    if (!current) return '冲突：这一条在你查看时被改过，请刷新页面 Conflict: reload to see it';
    var who = current.decidedBy || '另一位编辑';
    var status = STATUS_LABELS[current.status] || current.status;
    return '冲突：' + who + ' 在 ' + formatLocalTime(current.decidedAt) + ' 改过这一条（现在是「' + status + '」），你的修改没有保存 Conflict: not saved';
  }

  function isShown(card) { return card.offsetParent !== null; }

  /** Height of what sticks at the top over a card: the top bar (when sticky) and its section's heading. */
  function stickyHeight(card) {
    var height = 0;
    var bar = document.querySelector('.topbar');
    if (bar && getComputedStyle(bar).position === 'sticky') height += bar.getBoundingClientRect().height;
    var heading = card.closest('section.category');
    heading = heading && heading.querySelector('.category-title');
    if (heading && getComputedStyle(heading).position === 'sticky') height += heading.getBoundingClientRect().height;
    return height;
  }

  /** Scrolls as little as needed to show the whole card below the sticky headers (its top when taller than the screen). */
  function revealCard(card) {
    var gap = 8;
    var top = stickyHeight(card) + gap;
    var box = card.getBoundingClientRect();
    if (box.top < top) window.scrollBy(0, box.top - top);
    else if (box.bottom > window.innerHeight - gap) window.scrollBy(0, Math.min(box.bottom - window.innerHeight + gap, box.top - top));
  }

  /** The top bar's real height (it wraps on narrow screens) for the sticky headings and scroll-margin in review.css. */
  function measureTopbar() {
    var bar = document.querySelector('.topbar');
    if (bar) document.documentElement.style.setProperty('--topbar-height', bar.getBoundingClientRect().height + 'px');
  }

  function toggleCompact(force) {
    var isCompact = document.body.classList.toggle('is-compact', force);
    var button = document.getElementById('toggle-compact');
    if (button) button.setAttribute('aria-pressed', String(isCompact));
    writeStored(localStorage, 'sift-board-compact', isCompact);
  }

  function toggleSection(section, force) {
    var isCollapsed = section.classList.toggle('is-collapsed', force);
    var button = section.querySelector('.section-toggle');
    if (button) {
      button.setAttribute('aria-expanded', String(!isCollapsed));
      button.textContent = isCollapsed ? '▸ ' + section.querySelectorAll('article.card').length : '▾';
    }
    var collapsed = readStored(localStorage, 'sift-board-collapsed', []).filter(function (id) { return id !== section.getAttribute('data-category-id'); });
    if (isCollapsed) collapsed.push(section.getAttribute('data-category-id'));
    writeStored(localStorage, 'sift-board-collapsed', collapsed);
  }

  /** Compact list and collapsed sections, remembered in this browser (localStorage). */
  function initBoardViews() {
    measureTopbar();
    window.addEventListener('resize', measureTopbar);
    var tools = document.getElementById('board-tools');
    if (tools) tools.hidden = false;
    document.querySelectorAll('.section-tools').forEach(function (element) { element.hidden = false; });
    toggleCompact(readStored(localStorage, 'sift-board-compact', false) === true);
    var collapsed = readStored(localStorage, 'sift-board-collapsed', []);
    document.querySelectorAll('section.category').forEach(function (section) {
      if (collapsed.indexOf(section.getAttribute('data-category-id')) >= 0) toggleSection(section, true);
    });
    document.addEventListener('click', function (event) {
      var target = event.target.closest ? event.target : null;
      if (!target) return;
      if (target.closest('#toggle-compact')) toggleCompact();
      var toggle = target.closest('.section-toggle');
      if (toggle) toggleSection(toggle.closest('section.category'));
      if (target.closest('#collapse-all')) {
        var all = Array.prototype.slice.call(document.querySelectorAll('section.category'));
        var shouldCollapse = all.some(function (section) { return !section.classList.contains('is-collapsed'); });
        all.forEach(function (section) { toggleSection(section, shouldCollapse); });
      }
    });
  }

  /**
   * "New since your last visit", per browser: localStorage keeps the ids of the cards this browser
   * has shown for the week; a card not among them is new. New marks last for the visit (this tab's
   * sessionStorage), so a reload or a filter does not wipe them. The first visit of a week marks none.
   */
  function initSeenMarks(week) {
    var seenKey = 'sift-seen:' + week;
    var visitKey = 'sift-new:' + week;
    var seen = readStored(localStorage, seenKey, null);
    var newThisVisit = readStored(sessionStorage, visitKey, []);
    var ids = Array.prototype.map.call(document.querySelectorAll('article.card'), function (card) { return card.dataset.itemId; });
    var fresh = seen ? ids.filter(function (id) { return seen.indexOf(id) < 0 || newThisVisit.indexOf(id) >= 0; }) : [];
    fresh.forEach(function (id) {
      var card = document.getElementById('item-' + id);
      card.classList.add('is-new');
      var meta = card.querySelector('.card-meta');
      if (meta) meta.insertBefore(makeElement('span', 'new-badge', '新 new'), meta.firstChild);
    });
    writeStored(sessionStorage, visitKey, fresh);
    var all = (seen || []).concat(ids.filter(function (id) { return !seen || seen.indexOf(id) < 0; }));
    writeStored(localStorage, seenKey, all.slice(-5000));
    pruneSeenWeeks(seenKey);
    var summary = document.getElementById('seen-summary');
    if (!summary) return;
    if (!seen) { summary.textContent = '第一次在这个浏览器打开本周：以后新来的条目会标「新」 First visit: new cards get marked from now on'; return; }
    summary.textContent = fresh.length > 0 ? '上次访问以来新增 ' + fresh.length + ' 条 new since your last visit ' : '上次访问以来没有新条目 Nothing new since your last visit';
    if (fresh.length > 0) {
      var only = makeElement('button', 'btn btn-small', '只看新的 Only new');
      only.type = 'button';
      only.id = 'only-new';
      only.setAttribute('aria-pressed', 'false');
      only.addEventListener('click', function () { only.setAttribute('aria-pressed', String(document.body.classList.toggle('only-new'))); });
      summary.appendChild(only);
    }
  }

  /** Keeps the seen lists of the 12 most recently opened weeks. */
  function pruneSeenWeeks(currentKey) {
    var order = readStored(localStorage, 'sift-seen-weeks', []).filter(function (key) { return key !== currentKey; });
    order.push(currentKey);
    while (order.length > 12) { try { localStorage.removeItem(order.shift()); } catch (error) { break; } }
    writeStored(localStorage, 'sift-seen-weeks', order);
  }

  /** "Collect now" in the failing-sources banner: POST /api/collect, then poll GET /api/collect for progress. */
  function initCollectNow() {
    var button = document.getElementById('collect-now');
    if (!button) return;
    var progress = document.getElementById('collect-progress');
    var text = document.getElementById('collect-status');
    function render(status) {
      button.hidden = false;
      var isRunning = status.state === 'running';
      button.disabled = isRunning;
      progress.hidden = status.state === 'idle';
      progress.max = Math.max(1, status.total);
      progress.value = status.done;
      text.textContent = '';
      if (isRunning) text.textContent = '正在抓取 collecting ' + status.done + ' / ' + status.total + (status.failed ? '，失败 ' + status.failed : '');
      else if (status.state === 'failed') text.textContent = '抓取没能开始 collect failed: ' + (status.error || '');
      else if (status.state === 'done') {
        text.textContent = '抓取完成 done：' + (status.total - status.failed) + ' 个成功，' + status.failed + ' 个失败 ' +
          (status.lost ? '（其中 ' + status.lost + ' 个任务丢失，调度器会重新排队 of which ' + status.lost + ' lost jobs: Redis restarted; the scheduler queues them again） ' : '');
        var reload = makeElement('button', 'btn btn-small', '刷新看新条目 Reload');
        reload.type = 'button';
        reload.addEventListener('click', function () { location.reload(); });
        text.appendChild(reload);
      }
      if (isRunning) setTimeout(poll, 1000);
    }
    function poll() {
      fetch('/api/collect', { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (response) {
        return response.json().then(function (data) {
          if (response.status === 200) render(data);
          else if (response.status !== 503) handleFailure({ status: response.status, data: data }); // 503: this process cannot collect, no button
        });
      }, function () { text.textContent = '网络错误 network error'; });
    }
    button.addEventListener('click', function () {
      button.disabled = true;
      postJson('/api/collect', {}).then(function (result) {
        if (result.status === 202) render(result.data);
        else { button.disabled = false; handleFailure(result); }
      }, function () { button.disabled = false; showToast('网络错误 Network error', true); });
    });
    poll(); // a pass started before this page load (or by another curator) shows its progress too
  }

  /** After "Add by URL" the board comes back with `?added=<id>`: confirm it, then drop the parameter. */
  function confirmAdded() {
    var params = new URLSearchParams(location.search);
    var added = params.get('added');
    if (!added) return;
    var card = document.getElementById('item-' + added);
    showToast(card ? '已添加 Added：' + card.querySelector('.title-link').textContent : '已添加，但当前筛选没有显示它 Added (hidden by the filters)');
    params.delete('added');
    var query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }

  // ───────────────────────────── reading pane (issue #16, "read in place") ─────────────────────────────
  // The page behind a card, read beside the board (src/review/views/render-reading-pane.ts). Its one
  // innerHTML takes the server's fragment: every text in it is escaped and the article HTML is
  // sanitized on the server (sanitize-html), and the CSP runs no inline script or handler anyway.
  function createReadingPane() {
    var pane = document.getElementById('reading-pane');
    var body = pane ? pane.querySelector('.reading-pane-body') : null;
    var currentId = null;
    var requestNumber = 0;
    var followTimer = null;

    function showStatus(message, isError) {
      body.textContent = '';
      var line = makeElement('p', 'reading-status' + (isError ? ' is-error' : ''), message);
      if (!isError) line.insertBefore(makeElement('span', 'spinner'), line.firstChild);
      body.appendChild(line);
    }

    function load(itemId, isRetry) {
      var number = ++requestNumber;
      currentId = itemId;
      body.setAttribute('aria-busy', 'true');
      showStatus(isRetry ? '正在重新获取… Fetching again…' : '正在获取页面… Fetching the page…', false);
      var url = '/items/' + encodeURIComponent(itemId) + '/read';
      // a retry fetches the page again: a POST with the CSRF token, never a GET another site could trigger
      var init = isRetry
        ? { method: 'POST', credentials: 'same-origin', headers: { accept: 'text/html', 'x-csrf-token': csrfToken } }
        : { credentials: 'same-origin', headers: { accept: 'text/html' } };
      fetch(url, init).then(function (response) {
        return response.text().then(function (text) { return { status: response.status, redirected: response.redirected, text: text }; });
      }).then(function (result) {
        if (number !== requestNumber) return;
        body.setAttribute('aria-busy', 'false');
        // A redirect here is the login page: the session ended.
        if (result.redirected || result.status === 401) { handleFailure({ status: 401 }); showStatus('登录已过期 Session expired', true); return; }
        if (result.status !== 200) { showStatus('无法打开 Could not open this item (HTTP ' + result.status + ')', true); return; }
        body.innerHTML = result.text;
        body.scrollTop = 0;
      }, function () {
        if (number !== requestNumber) return;
        body.setAttribute('aria-busy', 'false');
        showStatus('网络错误，未能获取 Network error: the page was not loaded', true);
      });
    }

    function open(card) {
      if (!pane || !card) return;
      clearTimeout(followTimer);
      pane.hidden = false;
      document.body.classList.add('has-reading-pane');
      if (card.dataset.itemId !== currentId) load(card.dataset.itemId, false);
    }

    /** Hides the pane; false when it was not open (so Esc can mean something else). */
    function close() {
      if (!pane || pane.hidden) return false;
      clearTimeout(followTimer);
      requestNumber++;
      currentId = null;
      body.textContent = '';
      pane.hidden = true;
      document.body.classList.remove('has-reading-pane');
      return true;
    }

    /** While the pane is open, the selected card's page follows j/k (after a short pause, so holding j does not fetch every card). */
    function follow(card) {
      if (!pane || pane.hidden || !card || card.dataset.itemId === currentId) return;
      clearTimeout(followTimer);
      followTimer = setTimeout(function () { open(card); }, 300);
    }

    if (pane) {
      pane.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('button[data-action]');
        if (!button) return;
        if (button.getAttribute('data-action') === 'close-reading') close();
        else if (button.getAttribute('data-action') === 'retry-reading' && currentId) load(currentId, true);
      });
    }
    return { open: open, close: close, follow: follow };
  }
  // ───────────────────────────── end of reading pane ─────────────────────────────

  // ───────────────────────────── week board ─────────────────────────────
  function initBoard() {
    var week = boardWeek();
    var undoState = loadUndoState(week);
    var undoStack = undoState.entries;
    var selected = null;
    var reading = createReadingPane();

    /** The cards j/k walk: not in a collapsed section, not hidden by "only new". */
    function cards() { return Array.prototype.slice.call(document.querySelectorAll('article.card')).filter(isShown); }
    function sections() { return Array.prototype.slice.call(document.querySelectorAll('section.category')); }
    function categoryTitle(id) {
      var section = document.querySelector('section.category[data-category-id="' + CSS.escape(id) + '"]');
      return section ? section.getAttribute('data-category-title') : id;
    }

    function select(card, shouldScroll) {
      if (selected) selected.classList.remove('is-selected');
      selected = card;
      if (!card) return;
      card.classList.add('is-selected');
      if (shouldScroll !== false) revealCard(card);
      reading.follow(card);
    }

    function step(delta) {
      var list = cards();
      if (list.length === 0) return;
      var index = selected ? list.indexOf(selected) : -1;
      var next = index < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + delta));
      select(list[next]);
    }

    function adjustCount(category, delta) {
      if (!category || !delta) return;
      var section = document.querySelector('section.category[data-category-id="' + CSS.escape(category) + '"] .accepted-count');
      if (section) section.textContent = String(Number(section.textContent) + delta);
      var total = document.querySelector('.total-accepted');
      if (total) total.textContent = String(Number(total.textContent) + delta);
    }

    /** Puts a saved decision on its card in place (same size and place: no layout shift). */
    function applyView(card, view, fallbackCategory) {
      var oldAccepted = card.dataset.status === 'accepted' ? card.dataset.category : null;
      var category = view.category || fallbackCategory || card.dataset.category;
      card.dataset.version = String(view.version);
      card.dataset.status = view.status;
      card.dataset.category = category;
      card.classList.remove('status-pending', 'status-accepted', 'status-rejected');
      card.classList.add('status-' + view.status);
      card.querySelector('.title-link').textContent = view.title;
      card.querySelector('.card-summary').textContent = view.summary;
      card.dataset.imageUrl = view.imageUrl || '';
      card.dataset.imageAlt = view.imageAlt || '';
      var note = card.querySelector('.card-note');
      note.querySelector('.note-text').textContent = view.note || '';
      note.hidden = !view.note;
      card.querySelector('.status-label').textContent = STATUS_LABELS[view.status] || view.status;
      var isMoved = category !== card.closest('section.category').getAttribute('data-category-id');
      card.querySelector('.category-label').textContent = isMoved ? ' → ' + categoryTitle(category) : '';
      var by = card.querySelector('.decided-by');
      if (!by && view.decidedBy) {
        by = makeElement('span', 'decided-by');
        card.querySelector('.card-status').appendChild(by);
      }
      if (by) by.textContent = view.decidedBy ? ' · ' + view.decidedBy : '';
      var form = card.querySelector('.decision-form');
      form.querySelector('input[name="version"]').value = String(view.version);
      form.querySelector('input[name="category"]').value = category;
      var newAccepted = view.status === 'accepted' ? category : null;
      if (oldAccepted !== newAccepted) {
        adjustCount(oldAccepted, -1);
        adjustCount(newAccepted, 1);
      }
    }

    function snapshot(card) {
      return { category: card.dataset.category };
    }

    function decide(card, patch, options) {
      options = options || {};
      var before = snapshot(card);
      var form = card.querySelector('.decision-form');
      var body = Object.assign({ version: Number(card.dataset.version) }, patch);
      card.setAttribute('aria-busy', 'true');
      return postJson(form.action, body).then(function (result) {
        card.removeAttribute('aria-busy');
        if (result.status === 200) {
          if (!options.isUndo) undoStack.push({ itemId: card.dataset.itemId, previous: result.data.previous, category: before.category });
          undoState.versions[card.dataset.itemId] = result.data.view.version;
          saveUndoState(week, undoState);
          applyView(card, result.data.view, options.fallbackCategory);
          showToast(options.message || STATUS_LABELS[result.data.view.status] || '已保存 saved');
          return true;
        }
        if (result.status === 409 && result.data.view) {
          applyView(card, result.data.view);
          showToast(conflictMessage(result.data.current), true);
          return false;
        }
        handleFailure(result);
        return false;
      }, function () {
        card.removeAttribute('aria-busy');
        showToast('网络错误，未保存 Network error: not saved', true);
        return false;
      });
    }

    function accept(card) { return decide(card, { status: 'accepted', category: card.dataset.category }, { message: '已接受 Accepted' }); }
    function reject(card) { return decide(card, { status: 'rejected' }, { message: '已拒绝 Rejected' }); }

    /** Undoes the last action, or with an item id the last action on that card (its own undo button). */
    function undo(itemId) {
      var index = undoStack.length - 1;
      if (itemId) while (index >= 0 && undoStack[index].itemId !== itemId) index--;
      var entry = index >= 0 ? undoStack.splice(index, 1)[0] : null;
      saveUndoState(week, undoState);
      if (!entry) { showToast('没有可撤销的操作 Nothing to undo'); return; }
      var restore = function (isDone) { if (!isDone) { undoStack.splice(index, 0, entry); saveUndoState(week, undoState); } };
      if (entry.items) { undoBulk(entry).then(restore); return; }
      var card = document.getElementById('item-' + entry.itemId);
      // Filtered or searched away since: undo it all the same, by the version last saved from here.
      if (!card) { undoOffPage(entry).then(restore); return; }
      decide(card, undoPatch(entry.previous), { isUndo: true, fallbackCategory: entry.category, message: '已撤销 Undone' }).then(restore);
      select(card);
    }

    function undoOffPage(entry) {
      var url = '/api/weeks/' + encodeURIComponent(week) + '/items/' + encodeURIComponent(entry.itemId) + '/decision';
      var body = Object.assign({ version: Number(undoState.versions[entry.itemId] || 0) }, undoPatch(entry.previous));
      return postJson(url, body).then(function (result) {
        if (result.status === 200) {
          undoState.versions[entry.itemId] = result.data.view.version;
          saveUndoState(week, undoState);
          showToast('已撤销（这一条不在当前筛选结果里）Undone: ' + result.data.view.title);
          return true;
        }
        if (result.status === 409) { showToast(conflictMessage(result.data.current), true); return true; }
        handleFailure(result);
        return false;
      }, function () { showToast('网络错误，未撤销 Network error: not undone', true); return false; });
    }

    // ── bulk: accept the top N of a section, reject the rest (one request, one undo) ──
    function sendBulk(items, onSaved) {
      return postJson('/api/weeks/' + encodeURIComponent(week) + '/decisions', { items: items }).then(function (result) {
        if (result.status === 200) {
          result.data.results.forEach(function (saved) {
            undoState.versions[saved.itemId] = saved.view.version;
            var card = document.getElementById('item-' + saved.itemId);
            if (card) applyView(card, saved.view);
          });
          onSaved(result.data.results);
          saveUndoState(week, undoState);
          return true;
        }
        if (result.status === 409) {
          var card = document.getElementById('item-' + result.data.itemId);
          if (card && result.data.view) applyView(card, result.data.view);
          showToast(conflictMessage(result.data.current) + '（批量操作全部未保存 nothing in this bulk action was saved）', true);
          return true;
        }
        handleFailure(result);
        return false;
      }, function () { showToast('网络错误，未保存 Network error: not saved', true); return false; });
    }

    function planBulk(section) {
      var top = Math.max(0, Math.floor(Number(section.querySelector('.bulk-top').value) || 0));
      var plan = { accept: [], reject: [], section: section };
      section.querySelectorAll('article.card').forEach(function (card, index) {
        var status = index < top ? 'accepted' : 'rejected';
        if (card.dataset.status !== status) plan[status === 'accepted' ? 'accept' : 'reject'].push(card);
      });
      return plan;
    }

    function confirmBulk(plan) {
      var dialog = document.getElementById('bulk-confirm');
      var title = plan.section.getAttribute('data-category-title');
      if (plan.accept.length + plan.reject.length === 0) { showToast('「' + title + '」没有需要改变的 Nothing to change'); return; }
      dialog.querySelector('.bulk-summary').textContent =
        '「' + title + '」：接受 ' + plan.accept.length + ' 条，拒绝 ' + plan.reject.length + ' 条。可以用 u 撤销。Accept ' + plan.accept.length + ', reject ' + plan.reject.length + '.';
      dialog.returnValue = '';
      dialog.onclose = function () { if (dialog.returnValue === 'confirm') applyBulk(plan); };
      dialog.showModal();
      dialog.querySelector('#bulk-confirm-yes').focus();
    }

    function applyBulk(plan) {
      var cardsInPlan = plan.accept.concat(plan.reject);
      var before = cardsInPlan.map(function (card) { return { itemId: card.dataset.itemId, category: card.dataset.category }; });
      var items = cardsInPlan.map(function (card) {
        var isAccept = plan.accept.indexOf(card) >= 0;
        return isAccept
          ? { itemId: Number(card.dataset.itemId), version: Number(card.dataset.version), status: 'accepted', category: card.dataset.category }
          : { itemId: Number(card.dataset.itemId), version: Number(card.dataset.version), status: 'rejected' };
      });
      return sendBulk(items, function (results) {
        undoStack.push({ items: results.map(function (saved, index) { return { itemId: String(saved.itemId), previous: saved.previous, category: before[index].category }; }) });
        showToast('已接受 ' + plan.accept.length + ' 条，拒绝 ' + plan.reject.length + ' 条（u 撤销）Accepted ' + plan.accept.length + ', rejected ' + plan.reject.length);
      });
    }

    function undoBulk(entry) {
      var items = entry.items.map(function (item) {
        var card = document.getElementById('item-' + item.itemId);
        var version = card ? card.dataset.version : undoState.versions[item.itemId];
        return Object.assign({ itemId: Number(item.itemId), version: Number(version || 0) }, undoPatch(item.previous));
      });
      return sendBulk(items, function () { showToast('已撤销批量操作 Bulk action undone (' + items.length + ')'); });
    }

    document.addEventListener('click', function (event) {
      var button = event.target.closest && event.target.closest('.bulk-apply');
      if (button) confirmBulk(planBulk(button.closest('section.category')));
    });

    function closePanels(card) {
      var panels = card.querySelectorAll('.edit-form, .move-menu');
      for (var index = 0; index < panels.length; index++) panels[index].remove();
      card.classList.remove('is-editing');
    }

    function edit(card) {
      if (card.querySelector('.edit-form')) { card.querySelector('.edit-form input').focus(); return; }
      closePanels(card);
      var form = makeElement('form', 'edit-form');
      var titleLabel = makeElement('label', '', '标题 Title');
      var titleInput = makeElement('input');
      titleInput.name = 'title';
      titleInput.required = true;
      titleInput.value = card.querySelector('.title-link').textContent;
      titleLabel.appendChild(titleInput);
      var summaryLabel = makeElement('label', '', '简介 Summary（周刊里印的中文介绍）');
      var summaryInput = makeElement('textarea');
      summaryInput.name = 'summary';
      summaryInput.rows = 5;
      summaryInput.value = card.querySelector('.card-summary').textContent;
      summaryLabel.appendChild(summaryInput);
      var noteLabel = makeElement('label', '', '备注 Note');
      var noteInput = makeElement('input');
      noteInput.name = 'note';
      noteInput.value = card.querySelector('.note-text').textContent;
      noteLabel.appendChild(noteInput);
      var imageLabel = makeElement('label', '', '配图 Image（周刊里印的图片链接，留空则不配图）');
      var imageInput = makeElement('input');
      imageInput.name = 'imageUrl';
      imageInput.type = 'url';
      imageInput.value = card.dataset.imageUrl || '';
      imageLabel.appendChild(imageInput);
      var altLabel = makeElement('label', '', '图片说明 Alt text');
      var altInput = makeElement('input');
      altInput.name = 'imageAlt';
      altInput.value = card.dataset.imageAlt || '';
      altLabel.appendChild(altInput);
      var row = makeElement('div', 'form-row');
      var save = makeElement('button', 'btn btn-accept', '保存 Save (Ctrl+Enter)');
      save.type = 'submit';
      var cancel = makeElement('button', 'btn', '取消 Cancel (Esc)');
      cancel.type = 'button';
      row.appendChild(save);
      row.appendChild(cancel);
      form.appendChild(titleLabel);
      form.appendChild(summaryLabel);
      form.appendChild(noteLabel);
      form.appendChild(imageLabel);
      form.appendChild(altLabel);
      form.appendChild(row);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!titleInput.value.trim()) { titleInput.focus(); return; }
        decide(card, { title: titleInput.value, summary: summaryInput.value, note: noteInput.value, imageUrl: imageInput.value, imageAlt: altInput.value }, { message: '已保存 Saved' }).then(function (isDone) {
          if (isDone) { closePanels(card); card.focus({ preventScroll: true }); }
        });
      });
      form.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') { event.preventDefault(); closePanels(card); card.focus({ preventScroll: true }); }
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
      });
      cancel.addEventListener('click', function () { closePanels(card); });
      card.appendChild(form);
      card.classList.add('is-editing');
      titleInput.focus();
    }

    function move(card) {
      if (card.querySelector('.move-menu')) return;
      closePanels(card);
      var menu = makeElement('div', 'move-menu');
      menu.setAttribute('role', 'group');
      menu.setAttribute('aria-label', '移到 Move to');
      menu.appendChild(makeElement('span', 'hint', '移到哪个分类？按数字键，Esc 取消 · Move to (press a number, Esc to cancel)'));
      var row = makeElement('div', 'form-row');
      var choices = sections().map(function (section) { return section.getAttribute('data-category-id'); });
      choices.forEach(function (id, index) {
        var button = makeElement('button', 'btn', (index + 1) + ' ' + categoryTitle(id));
        button.type = 'button';
        button.setAttribute('data-category', id);
        button.disabled = id === card.dataset.category;
        button.addEventListener('click', function () { pick(id); });
        row.appendChild(button);
      });
      var cancel = makeElement('button', 'btn', '取消 Cancel');
      cancel.type = 'button';
      cancel.addEventListener('click', function () { closePanels(card); card.focus({ preventScroll: true }); });
      row.appendChild(cancel);
      menu.appendChild(row);
      function pick(id) {
        if (id === card.dataset.category) return;
        closePanels(card);
        decide(card, { category: id }, { message: '已移到 Moved to ' + categoryTitle(id) });
        card.focus({ preventScroll: true });
      }
      menu.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') { event.preventDefault(); closePanels(card); card.focus({ preventScroll: true }); return; }
        var number = Number(event.key);
        if (number >= 1 && number <= choices.length) { event.preventDefault(); pick(choices[number - 1]); }
      });
      card.appendChild(menu);
      var first = menu.querySelector('button:not([disabled])');
      if (first) first.focus();
    }

    document.addEventListener('submit', function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains('decision-form')) return;
      event.preventDefault();
      var card = form.closest('article.card');
      var status = event.submitter && event.submitter.value;
      select(card, false);
      if (status === 'accepted') accept(card);
      else if (status === 'rejected') reject(card);
    });

    document.addEventListener('click', function (event) {
      var button = event.target.closest && event.target.closest('button[data-action]');
      var card = event.target.closest && event.target.closest('article.card');
      if (card && !event.target.closest('a, input, textarea, .edit-form, .move-menu')) select(card, false);
      if (card && !event.target.closest('a, button, input, textarea, select, form, .edit-form, .move-menu')) reading.open(card);
      if (!button || !card) return;
      var action = button.getAttribute('data-action');
      if (action === 'edit') edit(card);
      else if (action === 'move') move(card);
      else if (action === 'undo') undo(card.dataset.itemId);
    });

    document.addEventListener('keydown', function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      var help = document.getElementById('help');
      if (help && help.open) return;
      if (event.target.closest && event.target.closest('.move-menu')) return;
      var key = event.key;
      if (key === 'j' || key === 'k') { event.preventDefault(); step(key === 'j' ? 1 : -1); return; }
      if (key === '/') { event.preventDefault(); var search = document.getElementById('search'); if (search) { search.focus(); search.select(); } return; }
      if (key === '?') { event.preventDefault(); if (help) help.showModal(); return; }
      if (key === 'u') { event.preventDefault(); undo(); return; }
      if (key === 'Escape' && reading.close()) { event.preventDefault(); return; }
      if (key === 'v') { event.preventDefault(); toggleCompact(); if (selected) revealCard(selected); return; }
      if (key === 'z') { event.preventDefault(); var inView = selected ? selected.closest('section.category') : null; if (inView) { toggleSection(inView); select(null); } return; }
      if (!selected) return;
      if (key === 'a') { event.preventDefault(); accept(selected); }
      else if (key === 'r') { event.preventDefault(); reject(selected); }
      else if (key === 'e') { event.preventDefault(); edit(selected); }
      else if (key === 'm') { event.preventDefault(); move(selected); }
      else if (key === 'o' || (key === 'Enter' && event.target === document.body)) { event.preventDefault(); reading.open(selected); }
      else if (key === 'O') {
        var link = selected.querySelector('a.title-link');
        if (link) { event.preventDefault(); window.open(link.href, '_blank', 'noopener,noreferrer'); }
      }
    });

    initBoardViews();
    initSeenMarks(week);
    initCollectNow();
    var hash = location.hash && document.getElementById(location.hash.slice(1));
    if (hash && hash.classList.contains('card')) select(hash);
    confirmAdded();
  }

  // ───────────────────────────── shortlist ─────────────────────────────
  function initShortlist() {
    var selected = null;
    var dragging = null;

    function rows() { return Array.prototype.slice.call(document.querySelectorAll('.shortlist-row')); }
    function select(row) {
      if (selected) selected.classList.remove('is-selected');
      selected = row;
      if (row) { row.classList.add('is-selected'); row.scrollIntoView({ block: 'nearest' }); }
    }

    function refreshPreview() {
      var area = document.getElementById('export-markdown');
      if (!area) return;
      fetch(area.getAttribute('data-src'), { credentials: 'same-origin' }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (text) { if (text !== null) area.value = text; });
    }

    function saveOrder(list) {
      var ids = Array.prototype.map.call(list.querySelectorAll('.shortlist-row'), function (row) { return Number(row.dataset.itemId); });
      var url = '/api/weeks/' + encodeURIComponent(list.dataset.week) + '/shortlist/' + encodeURIComponent(list.dataset.categoryId) + '/order';
      return postJson(url, { itemIds: ids }).then(function (result) {
        if (result.status === 200) { showToast('顺序已保存 Order saved'); refreshPreview(); return; }
        if (result.status === 409) {
          showToast('冲突 Conflict: ' + result.data.message, true);
          setTimeout(function () { location.reload(); }, 2500);
          return;
        }
        handleFailure(result);
      }, function () { showToast('网络错误，未保存 Network error: not saved', true); });
    }

    function shift(row, delta) {
      var list = row.parentElement;
      if (delta < 0 && row.previousElementSibling) list.insertBefore(row, row.previousElementSibling);
      else if (delta > 0 && row.nextElementSibling) list.insertBefore(row.nextElementSibling, row);
      else return;
      select(row);
      row.focus({ preventScroll: true });
      saveOrder(list);
    }

    document.addEventListener('click', function (event) {
      var row = event.target.closest && event.target.closest('.shortlist-row');
      if (row && !event.target.closest('a')) select(row);
      var button = event.target.closest && event.target.closest('button[data-move]');
      if (button && row) shift(row, button.getAttribute('data-move') === 'up' ? -1 : 1);
    });

    document.addEventListener('keydown', function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      var key = event.key;
      if (selected && event.shiftKey && (key === 'ArrowUp' || key === 'K')) { event.preventDefault(); shift(selected, -1); return; }
      if (selected && event.shiftKey && (key === 'ArrowDown' || key === 'J')) { event.preventDefault(); shift(selected, 1); return; }
      if (event.shiftKey) return;
      if (key === 'j' || key === 'k' || key === 'ArrowDown' || key === 'ArrowUp') {
        var list = rows();
        if (list.length === 0) return;
        event.preventDefault();
        var index = selected ? list.indexOf(selected) : -1;
        var delta = key === 'j' || key === 'ArrowDown' ? 1 : -1;
        select(list[index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + delta))]);
      }
    });

    document.addEventListener('dragstart', function (event) {
      var row = event.target.closest && event.target.closest('.shortlist-row');
      if (!row) return;
      dragging = row;
      row.classList.add('is-dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.dataset.itemId);
    });
    document.addEventListener('dragover', function (event) {
      if (!dragging) return;
      var row = event.target.closest && event.target.closest('.shortlist-row');
      if (!row || row === dragging || row.parentElement !== dragging.parentElement) return;
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var isAfter = event.clientY > box.top + box.height / 2;
      row.parentElement.insertBefore(dragging, isAfter ? row.nextElementSibling : row);
    });
    document.addEventListener('drop', function (event) { if (dragging) event.preventDefault(); });
    document.addEventListener('dragend', function () {
      if (!dragging) return;
      var row = dragging;
      dragging = null;
      row.classList.remove('is-dragging');
      select(row);
      saveOrder(row.parentElement);
    });

    var copy = document.getElementById('copy-markdown');
    if (copy) {
      copy.addEventListener('click', function () {
        var area = document.getElementById('export-markdown');
        var done = function () { showToast('已复制 Copied'); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(area.value).then(done, function () { area.select(); document.execCommand('copy'); done(); });
        } else {
          area.select();
          document.execCommand('copy');
          done();
        }
      });
    }
  }

  function init() {
    var page = document.body.getAttribute('data-page');
    if (page === 'board') initBoard();
    else if (page === 'shortlist') initShortlist();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
