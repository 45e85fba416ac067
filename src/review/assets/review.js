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

  // ───────────────────────────── week board ─────────────────────────────
  function initBoard() {
    var undoStack = [];
    var selected = null;

    function cards() { return Array.prototype.slice.call(document.querySelectorAll('article.card')); }
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
      if (shouldScroll !== false) card.scrollIntoView({ block: 'nearest' });
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
          applyView(card, result.data.view, options.fallbackCategory);
          showToast(options.message || STATUS_LABELS[result.data.view.status] || '已保存 saved');
          return true;
        }
        if (result.status === 409 && result.data.view) {
          applyView(card, result.data.view);
          showToast('冲突 Conflict: ' + result.data.message, true);
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
      if (!entry) { showToast('没有可撤销的操作 Nothing to undo'); return; }
      var card = document.getElementById('item-' + entry.itemId);
      if (!card) return;
      var previous = entry.previous || { status: 'pending', category: null, title: null, summary: null, note: null };
      decide(
        card,
        { status: previous.status, category: previous.category, title: previous.title, summary: previous.summary, note: previous.note },
        { isUndo: true, fallbackCategory: entry.category, message: '已撤销 Undone' },
      ).then(function (isDone) { if (!isDone) undoStack.splice(index, 0, entry); });
      select(card);
    }

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
      form.appendChild(row);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!titleInput.value.trim()) { titleInput.focus(); return; }
        decide(card, { title: titleInput.value, summary: summaryInput.value, note: noteInput.value }, { message: '已保存 Saved' }).then(function (isDone) {
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
      if (!selected) return;
      if (key === 'a') { event.preventDefault(); accept(selected); }
      else if (key === 'r') { event.preventDefault(); reject(selected); }
      else if (key === 'e') { event.preventDefault(); edit(selected); }
      else if (key === 'm') { event.preventDefault(); move(selected); }
      else if (key === 'o' || (key === 'Enter' && event.target === document.body)) {
        var link = selected.querySelector('a.title-link');
        if (link) { event.preventDefault(); window.open(link.href, '_blank', 'noopener,noreferrer'); }
      }
    });

    var hash = location.hash && document.getElementById(location.hash.slice(1));
    if (hash && hash.classList.contains('card')) select(hash);
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
