// sift review UI: drafted titles and summaries (src/draft/). Kept apart from review.js: it only
// adds to what review.js renders (a badge and a "draft" button on cards, a proposal at the top of
// the edit form). A draft never changes the decision: "apply" fills the form, and only the form's
// Save writes. Every text from the server goes in through textContent / value, never innerHTML.
(function () {
  'use strict';

  var STATE_LABELS = { queued: '草稿排队中 Draft queued', drafting: '草稿生成中 Drafting…', ready: '草稿可用 Draft ready', failed: '草稿失败 Draft failed' };
  var BADGE_LABELS = { queued: '排队中', drafting: '生成中…', ready: '草稿可用', failed: '草稿失败' };
  var POLL_MS = 1500;
  var shared = window.siftReview; // review.js: toast, JSON POST with the CSRF token, element maker
  if (!shared) return;
  var makeElement = shared.makeElement;
  var toast = shared.showToast;
  var drafts = {};
  var isConfigured = false;
  var pollTimer = null;

  function makeButton(className, text, onClick) {
    var button = makeElement('button', 'btn btn-small ' + className, text);
    button.type = 'button';
    button.addEventListener('click', function (event) { event.preventDefault(); event.stopPropagation(); onClick(); });
    return button;
  }

  function weekOf(card) {
    var form = card.querySelector('.decision-form');
    var match = form && /\/api\/weeks\/([^/]+)\/items\//.exec(form.getAttribute('action'));
    return match ? match[1] : null;
  }

  function draftUrl(card) {
    return '/api/weeks/' + encodeURIComponent(weekOf(card)) + '/items/' + encodeURIComponent(card.dataset.itemId) + '/draft';
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (response) {
      return response.ok ? response.json() : null;
    });
  }

  function isPending(draft) { return draft && (draft.status === 'queued' || draft.status === 'drafting'); }

  // ── the week's drafts: badges, buttons, polling while any is pending ──
  function refresh() {
    var card = document.querySelector('article.card');
    if (!card || !weekOf(card)) return;
    clearTimeout(pollTimer);
    getJson('/api/weeks/' + encodeURIComponent(weekOf(card)) + '/drafts').then(function (data) {
      if (!data) return;
      isConfigured = data.isConfigured;
      drafts = {};
      data.drafts.forEach(function (draft) { drafts[draft.itemId] = draft; });
      var budget = document.querySelector('.draft-budget');
      if (data.budget) {
        if (!budget) {
          budget = makeElement('p', 'draft-budget');
          var main = document.getElementById('main');
          if (main) main.insertBefore(budget, main.firstChild);
        }
        budget.textContent = '本周草稿 Drafts this week: ' + data.budget.calls + ' / ' + data.budget.limit + ' 次调用 calls · ' + (data.budget.promptTokens + data.budget.completionTokens) + ' tokens';
      }
      Array.prototype.forEach.call(document.querySelectorAll('article.card'), render);
      var isAnyPending = data.drafts.some(isPending);
      if (isAnyPending) pollTimer = setTimeout(refresh, POLL_MS);
    }, function () { pollTimer = setTimeout(refresh, POLL_MS * 4); });
  }

  /**
   * The card's draft button and state badge. They take their row as soon as drafting is on (the
   * badge hidden while there is no draft), so an accept that starts a draft never moves the card.
   */
  function render(card) {
    var draft = drafts[card.dataset.itemId];
    var actions = card.querySelector('.card-actions');
    if (!actions) return;
    if (isConfigured && !actions.querySelector('.btn-draft')) {
      var button = makeButton('btn-draft', '起草', function () { requestDraft(card); });
      button.title = '起草中文标题和简介 Draft a Chinese title and summary (SIFT_LLM_URL)';
      var badgeSlot = makeElement('span', 'draft-badge');
      actions.insertBefore(button, actions.querySelector('.card-status'));
      actions.insertBefore(badgeSlot, actions.querySelector('.card-status'));
    }
    var badge = actions.querySelector('.draft-badge');
    if (badge) {
      badge.textContent = draft ? BADGE_LABELS[draft.status] || draft.status : '';
      badge.dataset.state = draft ? draft.status : 'none';
      badge.title = draft ? (STATE_LABELS[draft.status] || draft.status) + (draft.status === 'failed' ? ': ' + (draft.error || '') : '') : '';
    }
    var form = card.querySelector('.edit-form');
    if (form) renderProposal(card, form);
  }

  function requestDraft(card) {
    shared.postJson(draftUrl(card), {}).then(function (result) {
      var data = result.data;
      if (result.status === 202 && data.draft) {
        drafts[card.dataset.itemId] = data.draft;
        render(card);
        if (data.draft.status === 'failed') toast(data.draft.error, true);
        else toast('已排队起草 Draft queued');
        refresh();
        return;
      }
      toast(data.message || ('起草失败 draft request failed (' + result.status + ')'), true);
    }, function () { toast('网络错误 Network error: no draft requested', true); });
  }

  // ── the proposal in the edit form ──
  function fill(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      if (!input || fields[name] === null || fields[name] === undefined) return;
      input.value = fields[name];
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  function renderProposal(card, form) {
    var panel = form.querySelector('.draft-proposal');
    if (!panel) {
      panel = makeElement('section', 'draft-proposal');
      panel.setAttribute('aria-label', '草稿 Draft');
      form.insertBefore(panel, form.firstChild);
    }
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var draft = drafts[card.dataset.itemId];
    if (!isConfigured) { renderLead(card, form, panel); return; }
    var head = makeElement('div', 'draft-head');
    head.appendChild(makeElement('strong', '', 'AI 草稿 Draft'));
    head.appendChild(makeElement('span', 'draft-state', draft ? STATE_LABELS[draft.status] || draft.status : '还没有草稿 No draft yet'));
    panel.appendChild(head);
    panel.dataset.state = draft ? draft.status : 'none';
    if (draft && draft.title && draft.summary) {
      panel.appendChild(makeElement('div', 'draft-title', draft.title));
      panel.appendChild(makeElement('p', 'draft-summary', draft.summary));
      if (draft.isEnglish) panel.appendChild(makeElement('p', 'draft-note', '英文原文：导出时标 (英) · English original: the export marks it (英)'));
    }
    if (draft && draft.status === 'failed') panel.appendChild(makeElement('p', 'draft-error', draft.error || ''));
    var row = makeElement('div', 'form-row');
    if (draft && draft.title && draft.summary) {
      row.appendChild(makeButton('btn-apply-draft', '采用 Apply', function () {
        fill(form, { title: draft.title, summary: draft.summary });
        toast('草稿已填入，保存后才生效 Draft applied: Save to keep it');
      }));
    }
    if (!isPending(draft)) row.appendChild(makeButton('btn-redraft', draft ? '重新起草 Redraft' : '起草 Draft', function () { requestDraft(card); }));
    panel.appendChild(row);
  }

  function renderLead(card, form, panel) {
    getJson(draftUrl(card)).then(function (data) {
      if (!data || !data.leadParagraph || !panel.isConnected) { panel.hidden = true; return; }
      panel.dataset.state = 'lead';
      var head = makeElement('div', 'draft-head');
      head.appendChild(makeElement('strong', '', '原文导语 Lead paragraph'));
      head.appendChild(makeElement('span', 'draft-state', '未配置草稿模型 No drafting endpoint (SIFT_LLM_URL)'));
      panel.appendChild(head);
      panel.appendChild(makeElement('p', 'draft-summary', data.leadParagraph));
      var row = makeElement('div', 'form-row');
      row.appendChild(makeButton('btn-apply-lead', '填入简介 Use as summary', function () {
        fill(form, { summary: data.leadParagraph });
        toast('导语已填入，保存后才生效 Applied: Save to keep it');
      }));
      panel.appendChild(row);
    });
  }

  function init() {
    if (document.body.getAttribute('data-page') !== 'board') return;
    new MutationObserver(function (records) {
      var shouldRefresh = false;
      records.forEach(function (record) {
        if (record.type === 'attributes') {
          // An accept queues a draft on the server when drafting is on: show it.
          if (record.target.dataset.status === 'accepted' && record.oldValue !== 'accepted') shouldRefresh = isConfigured;
          return;
        }
        Array.prototype.forEach.call(record.addedNodes, function (node) {
          if (node.nodeType === 1 && node.classList.contains('edit-form')) renderProposal(node.closest('article.card'), node);
        });
      });
      if (shouldRefresh) refresh();
    }).observe(document.getElementById('main') || document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'], attributeOldValue: true });
    refresh();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
