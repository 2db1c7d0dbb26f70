// Trait d'Union web chat: a tiny Direct Line 3.0 client (WebSocket with polling fallback).
// No framework, so the whole page stays far below 50 KB on slow phones.
(function () {
  'use strict';
  var API = 'v3/directline';
  var STRINGS = JSON.parse(document.getElementById('strings').textContent);
  var $log = document.getElementById('log');
  var $input = document.getElementById('input');
  var $form = document.getElementById('composer');
  var $status = document.getElementById('status');
  var $heading = document.getElementById('heading');
  var $restart = document.getElementById('restart');
  var KEY = 'tdu-chat';
  var session = load();
  var seen = {};
  var pending = {};
  var lang = document.documentElement.lang || 'fr';
  var socket = null;
  var pollTimer = null;

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { sessionStorage.setItem(KEY, JSON.stringify(session)); } catch (e) { /* private mode */ }
  }
  function t(key) {
    var s = STRINGS[lang] || STRINGS.fr;
    return s[key] || STRINGS.fr[key] || '';
  }
  function isArabic(text) { return /[\u0600-\u06FF]/.test(text || ''); }

  function applyLanguage(next) {
    if (!STRINGS[next] || next === lang) return;
    lang = next;
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    document.title = t('title');
    $heading.textContent = t('heading');
    $input.placeholder = t('placeholder');
    $input.setAttribute('aria-label', t('placeholder'));
    $restart.title = t('restart');
  }

  function status(text) {
    $status.textContent = text || '';
    $status.hidden = !text;
  }

  function api(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (session.token) headers.Authorization = 'Bearer ' + session.token;
    return fetch(API + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (res) {
      if (!res.ok) {
        var err = new Error('HTTP ' + res.status);
        err.status = res.status;
        err.retryAfter = Number(res.headers.get('Retry-After')) || 0;
        throw err;
      }
      return res.json();
    });
  }

  function bubble(text, who, direction) {
    var el = document.createElement('div');
    el.className = 'msg ' + who;
    el.dir = direction;
    // What the user typed is shown as typed; the bot's text is Markdown.
    if (who === 'bot') el.innerHTML = tduMarkdown(text); // chatMarkdown.js
    else el.textContent = String(text || '');
    $log.appendChild(el);
    return el;
  }

  function clearActions() {
    var old = $log.querySelectorAll('.actions');
    for (var i = 0; i < old.length; i++) old[i].remove();
  }

  function showActions(actions, direction) {
    clearActions();
    if (!actions || !actions.length) return;
    var box = document.createElement('div');
    box.className = 'actions';
    box.dir = direction;
    actions.forEach(function (a) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = a.title || a.value;
      b.onclick = function () { send(String(a.value), a.title || String(a.value)); };
      box.appendChild(b);
    });
    $log.appendChild(box);
  }

  function scroll() { $log.scrollTop = $log.scrollHeight; }

  // Shows `el` (the first new bot message) from its top: a long welcome or answer must not open
  // scrolled to its end, its beginning hidden above. Shorter news simply scrolls to the bottom.
  function reveal(el) {
    if (!el) { scroll(); return; }
    $log.scrollTop = Math.min(el.offsetTop - 12, $log.scrollHeight - $log.clientHeight);
  }

  var typingEl = null;
  var typingTimer = null;
  function hideTyping() {
    clearTimeout(typingTimer);
    if (typingEl) { typingEl.remove(); typingEl = null; }
  }
  function showTyping(activity) {
    // A typing indicator replayed from an old conversation (a reload) is not shown.
    if (activity.timestamp && Date.now() - Date.parse(activity.timestamp) > 10000) return;
    if (!typingEl) {
      typingEl = document.createElement('div');
      typingEl.className = 'typing';
      typingEl.setAttribute('role', 'status');
      typingEl.setAttribute('aria-label', t('typing'));
      typingEl.innerHTML = '<span aria-hidden="true">●</span><span aria-hidden="true">●</span><span aria-hidden="true">●</span>';
    }
    $log.appendChild(typingEl);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, 6000);
    scroll();
  }

  function indexOf(id) { return Number(String(id || '').split('|').pop()); }

  // "Delete my data" done: take what the page still shows from before off the screen too.
  function forgetBefore(index) {
    var shown = $log.querySelectorAll('.msg[data-index]');
    for (var i = 0; i < shown.length; i++) if (Number(shown[i].getAttribute('data-index')) < index) shown[i].remove();
  }

  function render(activity) {
    if (seen[activity.id]) return;
    var fromBot = !(activity.from && activity.from.role === 'user');
    if (activity.type === 'typing' && fromBot) { seen[activity.id] = true; showTyping(activity); return; }
    if (activity.type === 'event' && activity.name === 'tdu/erased' && activity.value) { seen[activity.id] = true; forgetBefore(Number(activity.value.before)); return; }
    if (activity.type !== 'message') return;
    seen[activity.id] = true;
    if (fromBot) hideTyping();
    var fromUser = activity.from && activity.from.role === 'user';
    var data = activity.channelData || {};
    if (fromUser) {
      var mine = data.clientActivityID && pending[data.clientActivityID];
      if (mine) { mine.classList.remove('pending', 'failed'); mine.setAttribute('data-index', indexOf(activity.id)); delete pending[data.clientActivityID]; return; }
      var shown = data.displayText || activity.text;
      bubble(shown, 'user', isArabic(shown) ? 'rtl' : 'ltr').setAttribute('data-index', indexOf(activity.id));
    } else {
      var locale = (activity.locale || '').slice(0, 2);
      if (locale) applyLanguage(locale);
      var direction = locale === 'ar' || (!locale && isArabic(activity.text)) ? 'rtl' : 'ltr';
      var el = activity.text ? bubble(activity.text, 'bot', direction) : null;
      // A caseworker (a person) wrote it: labelled and styled apart from the assistant's answers.
      if (el && activity.from && activity.from.name === 'caseworker') {
        el.classList.add('caseworker');
        var who = document.createElement('span');
        who.className = 'who';
        who.textContent = t('caseworker');
        el.insertBefore(who, el.firstChild);
      }
      if (el) el.setAttribute('data-index', indexOf(activity.id));
      showActions(activity.suggestedActions && activity.suggestedActions.actions, direction);
      return el;
    }
  }

  function receive(set) {
    if (!set || !set.activities) return;
    // Reveal the first bot message after the user's last one in this set (the answer, or the welcome).
    var first = null;
    set.activities.forEach(function (activity) {
      var el = render(activity);
      if (activity.from && activity.from.role === 'user' && activity.type === 'message') first = null;
      else if (el && !first) first = el;
    });
    if (first) reveal(first); else scroll();
    if (set.watermark !== undefined) { session.watermark = set.watermark; save(); }
  }

  function send(value, display) {
    var text = String(value).trim();
    if (!text) return;
    clearActions();
    var id = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 7);
    var shown = display || text;
    var el = bubble(shown, 'user pending', isArabic(shown) ? 'rtl' : 'ltr');
    pending[id] = el;
    scroll();
    var activity = { type: 'message', text: text, locale: lang, from: { id: 'me', role: 'user' }, channelData: { clientActivityID: id } };
    if (display && display !== text) activity.channelData.displayText = display;
    var attempt = function () {
      el.classList.remove('failed');
      el.classList.add('pending');
      var note = el.querySelector('.note');
      if (note) note.remove();
      api('POST', '/conversations/' + encodeURIComponent(session.conversationId) + '/activities', activity)
        .then(function () { if (!socket) poll(); })
        .catch(function (err) {
          el.classList.remove('pending');
          el.classList.add('failed');
          var n = document.createElement('span');
          n.className = 'note';
          // Over a flood limit (429) or too long (413): say so kindly instead of a bare "not sent".
          n.textContent = err && err.status === 429 ? t('slowDown') : err && err.status === 413 ? t('tooLong') : t('notSent');
          el.appendChild(n);
          el.onclick = function () { el.onclick = null; attempt(); };
        });
    };
    attempt();
  }

  function poll() {
    clearTimeout(pollTimer);
    api('GET', '/conversations/' + encodeURIComponent(session.conversationId) + '/activities?watermark=' + (session.watermark || 0))
      .then(function (set) { status(''); receive(set); })
      .catch(function () { status(t('offline')); })
      .then(function () { if (!socket) pollTimer = setTimeout(poll, 2000); });
  }

  function connect(streamUrl) {
    if (!('WebSocket' in window) || !streamUrl) { poll(); return; }
    var ws = new WebSocket(streamUrl);
    var opened = false;
    ws.onopen = function () { opened = true; socket = ws; status(''); clearTimeout(pollTimer); };
    ws.onmessage = function (e) { if (e.data) { try { receive(JSON.parse(e.data)); } catch (err) { /* ignore */ } } };
    ws.onclose = function () {
      socket = null;
      poll();
      // Reconnect later through the REST API, which also renews the stream URL.
      setTimeout(function () { if (!socket) resume(); }, opened ? 3000 : 15000);
    };
  }

  function start() {
    status(t('connecting'));
    session = {};
    // The page's language (from the browser or ?lang=) picks the greeting's language.
    return api('POST', '/conversations', { locale: lang }).then(function (c) {
      session = { conversationId: c.conversationId, token: c.token, watermark: 0 };
      save();
      status('');
      connect(c.streamUrl);
    });
  }

  function resume() {
    if (!session.conversationId || !session.token) return start();
    return api('GET', '/conversations/' + encodeURIComponent(session.conversationId) + '?watermark=' + (session.watermark || 0))
      .then(function (c) {
        session.token = c.token;
        save();
        connect(c.streamUrl);
      })
      .catch(function (err) {
        if (err.status === 403 || err.status === 404) return start();
        status(t(err.status === 429 ? 'slowDown' : 'offline'));
        setTimeout(resume, Math.max(5, err.retryAfter || 0) * 1000);
      });
  }

  // Tokens last an hour: refresh well before.
  setInterval(function () {
    if (!session.token) return;
    api('POST', '/tokens/refresh').then(function (r) { session.token = r.token; save(); }).catch(function () {});
  }, 15 * 60 * 1000);

  $form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $input.value;
    $input.value = '';
    send(text);
    $input.focus();
  });
  $restart.addEventListener('click', function () {
    if (socket) socket.close();
    $log.innerHTML = '';
    seen = {};
    start();
  });

  if (session.conversationId) session.watermark = 0; // Reload: show the whole conversation again.
  resume().catch(function (err) {
    if (err && err.status === 429) { status(t('slowDown')); setTimeout(resume, Math.max(5, err.retryAfter) * 1000); return; }
    status(t('offline'));
    setTimeout(resume, 5000);
  });
})();
