// Caseworker console: no framework. Talks to /console/api (JSON, cookie session) and listens to /console/api/events (SSE).
(function () {
  'use strict';
  var API = '/console/api';
  var ALL = JSON.parse(document.getElementById('strings').textContent);
  var lang = localStorage.getItem('consoleLang') || (navigator.language || 'fr').slice(0, 2);
  if (lang !== 'en') lang = 'fr';
  var view = 'waiting';
  var current = null; // open ticket id
  var me = null;
  var events = null;
  var urgentUnseen = 0;
  var $ = function (id) { return document.getElementById(id); };

  function t(key, vars) {
    var value = key.split('.').reduce(function (o, k) { return o && o[k]; }, ALL[lang]) || key;
    return String(value).replace(/\{\{(\w+)\}\}/g, function (_m, k) { return vars && vars[k] !== undefined ? vars[k] : ''; });
  }

  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (res.status === 401 && path !== '/login' && me) showLogin(t('sessionEnded'));
        return { status: res.status, data: data };
      });
    });
  }

  function translatePage() {
    document.documentElement.lang = lang;
    document.title = (urgentUnseen ? '(' + urgentUnseen + ') ' : '') + t('title');
    $('title').textContent = t('title');
    $('welcome').textContent = t('welcome');
    $('welcome-ar').textContent = ALL.ar.welcome;
    $('logout').textContent = t('logout');
    $('lang').value = lang;
    document.querySelectorAll('[data-t]').forEach(function (el) { el.textContent = t(el.getAttribute('data-t')); });
    var outcome = $('outcome');
    outcome.innerHTML = '';
    ['answered', 'booked', 'referred', 'no_reply', 'cancelled_by_user'].forEach(function (o) {
      var opt = document.createElement('option'); opt.value = o; opt.textContent = t('outcomes.' + o); outcome.appendChild(opt);
    });
  }

  function showLogin(message) {
    if (events) { events.close(); events = null; }
    me = null;
    $('desk').hidden = true; $('login').hidden = false; $('logout').hidden = true; $('who').textContent = '';
    $('login-error').textContent = message || '';
  }

  function showDesk(who) {
    me = who;
    $('login').hidden = true; $('desk').hidden = false; $('logout').hidden = false;
    $('who').textContent = who.username + ' (' + who.role + ')';
    listen();
    loadList();
  }

  function minutes(ms) { return Math.max(0, Math.round(ms / 60000)); }

  function loadList() {
    document.querySelectorAll('#views button').forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-view') === view)); });
    return api('GET', '/handoffs?status=' + view).then(function (r) {
      if (r.status !== 200) return;
      var list = $('tickets');
      list.innerHTML = '';
      if (r.data.tickets.length === 0) { var e = document.createElement('li'); e.textContent = t('empty'); list.appendChild(e); }
      r.data.tickets.forEach(function (ticket) {
        var li = document.createElement('li');
        li.className = ticket.priority;
        li.dataset.id = ticket.id;
        li.textContent = t(ticket.priority) + ' · ' + ticket.channel + ' · ' + ticket.language + ' · ' +
          ticket.reasons.map(function (x) { return t('reasons.' + x); }).join(', ') + ' · ' +
          (ticket.status === 'waiting' ? t('waitedFor', { minutes: minutes(ticket.waitedMs) }) : t('statuses.' + ticket.status) + (ticket.assignee ? ' → ' + ticket.assignee : ''));
        li.addEventListener('click', function () { openTicket(ticket.id); });
        list.appendChild(li);
      });
      showCounts(r.data.summary);
    });
  }

  function showCounts(summary) {
    $('counts').textContent = ['urgent', 'vulnerable', 'normal'].map(function (p) {
      return t(p) + ': ' + summary[p].waiting + (summary[p].waiting ? ' (' + minutes(summary[p].longestWaitMs) + ' min)' : '');
    }).join(' · ');
  }

  function openTicket(id) {
    current = id;
    $('ticket-error').textContent = '';
    return api('GET', '/handoffs/' + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) { $('ticket-error').textContent = r.data.message || r.data.error; return; }
      var ticket = r.data.ticket;
      $('ticket').hidden = false;
      $('ticket-title').textContent = t(ticket.priority) + ' · ' + ticket.channel + ' · ' + ticket.language;
      $('ticket-meta').textContent = t('statuses.' + ticket.status) + (ticket.assignee ? ' → ' + ticket.assignee : '') + (ticket.summary.length ? ' · ' + ticket.summary.join(', ') : '');
      var w = ticket.windowRemainingMs;
      $('ticket-window').textContent = w === undefined ? '' : w <= 0 ? t('windowClosed') : t('window', { hours: Math.floor(w / 3600000), minutes: Math.floor((w % 3600000) / 60000) });
      var mineNow = me && ticket.assignee === me.username && (ticket.status === 'assigned' || ticket.status === 'transferred');
      $('claim').hidden = ticket.status !== 'waiting';
      ['reply-form', 'note-form', 'transfer-form', 'release', 'close-form'].forEach(function (f) { $(f).hidden = !mineNow; });
      var list = $('transcript');
      list.innerHTML = '';
      r.data.transcript.forEach(function (line) {
        var li = document.createElement('li');
        li.className = line.from + (line.delivery && line.delivery !== 'sent' ? ' ' + line.delivery : '');
        li.textContent = t('from.' + line.from) + (line.author ? ' (' + line.author + ')' : '') + ': ' + (line.text || '');
        if (line.delivery === 'held' || line.delivery === 'failed') li.title = t(line.delivery);
        if (line.media) {
          var src = API + '/handoffs/' + encodeURIComponent(ticket.id) + '/media/' + encodeURIComponent(line.media.mediaId);
          var el;
          if (line.media.kind === 'voice' || line.media.kind === 'audio') { el = document.createElement('audio'); el.controls = true; el.preload = 'none'; el.src = src; }
          else if (line.media.kind === 'image') { el = document.createElement('img'); el.alt = t('media'); el.loading = 'lazy'; el.style.maxWidth = '100%'; el.src = src; }
          else { el = document.createElement('a'); el.href = src; el.target = '_blank'; el.rel = 'noopener'; el.textContent = t('media'); }
          li.appendChild(document.createElement('br')); li.appendChild(el);
        }
        list.appendChild(li);
      });
      list.scrollTop = list.scrollHeight;
      loadCanned(ticket.language);
    });
  }

  var cannedFor = null;
  function loadCanned(language) {
    if (cannedFor === language) return;
    cannedFor = language;
    api('GET', '/canned?lang=' + language).then(function (r) {
      var select = $('canned');
      select.innerHTML = '';
      var first = document.createElement('option'); first.value = ''; first.textContent = t('canned'); select.appendChild(first);
      (r.data.replies || []).forEach(function (c) { var o = document.createElement('option'); o.value = c.text; o.textContent = c.title; select.appendChild(o); });
    });
  }

  function act(path, body) {
    $('ticket-error').textContent = '';
    return api('POST', '/handoffs/' + encodeURIComponent(current) + path, body || {}).then(function (r) {
      if (r.status === 409 && r.data.error === 'taken') $('ticket-error').textContent = t('taken');
      else if (r.data.delivery === 'held' || r.data.delivery === 'failed') $('ticket-error').textContent = t(r.data.delivery);
      else if (r.status >= 400) $('ticket-error').textContent = r.data.message || r.data.error;
      return openTicket(current).then(loadList).then(function () { return r; });
    });
  }

  function beep() {
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      var osc = ctx.createOscillator(); osc.frequency.value = 880; osc.connect(ctx.destination); osc.start(); osc.stop(ctx.currentTime + 0.3);
    } catch (e) { /* no sound available */ }
  }

  var known = {};
  function listen() {
    if (events) return;
    events = new EventSource(API + '/events');
    events.addEventListener('ticket', function (e) {
      var ticket = JSON.parse(e.data);
      if (ticket.priority === 'urgent' && ticket.status === 'waiting' && !known[ticket.id]) {
        urgentUnseen += 1; beep(); translatePage();
      }
      known[ticket.id] = ticket.status;
      loadList();
      if (ticket.id === current) openTicket(current);
    });
    events.addEventListener('summary', function (e) { showCounts(JSON.parse(e.data)); });
    events.addEventListener('logout', function () { showLogin(t('sessionEnded')); });
  }

  document.addEventListener('visibilitychange', function () { if (!document.hidden) { urgentUnseen = 0; translatePage(); } });
  $('lang').addEventListener('change', function () { lang = $('lang').value; localStorage.setItem('consoleLang', lang); translatePage(); if (me) loadList(); });
  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    api('POST', '/login', { username: $('username').value, password: $('password').value }).then(function (r) {
      if (r.status === 200) { $('password').value = ''; showDesk(r.data); }
      else if (r.status === 429) $('login-error').textContent = t('tooMany', { seconds: r.data.retryAfterSeconds });
      else $('login-error').textContent = t('loginFailed');
    });
  });
  $('logout').addEventListener('click', function () { api('POST', '/logout', {}).then(function () { showLogin(); }); });
  document.querySelectorAll('#views button').forEach(function (b) { b.addEventListener('click', function () { view = b.getAttribute('data-view'); loadList(); }); });
  $('claim').addEventListener('click', function () { act('/claim'); });
  $('canned').addEventListener('change', function () { if ($('canned').value) $('reply').value = $('canned').value; });
  $('reply-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('reply').value.trim(); if (!text) return;
    act('/messages', { text: text }).then(function (r) { if (r.status === 200 && r.data.delivery === 'sent') $('reply').value = ''; });
  });
  $('note-form').addEventListener('submit', function (e) { e.preventDefault(); var text = $('note').value.trim(); if (text) act('/notes', { text: text }).then(function () { $('note').value = ''; }); });
  $('transfer-form').addEventListener('submit', function (e) { e.preventDefault(); act('/transfer', { to: $('transfer-to').value.trim() }); });
  $('release').addEventListener('click', function () { act('/release'); });
  $('close-form').addEventListener('submit', function (e) { e.preventDefault(); act('/close', { outcome: $('outcome').value }); });

  translatePage();
  api('GET', '/me').then(function (r) { if (r.status === 200) showDesk(r.data); else showLogin(); });
})();
