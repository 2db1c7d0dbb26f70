// Staff appointments view of the console: no framework. Talks to /console/api (bookings, slots, no-shows, status).
// bookingsTab.js loads it on the first click of the tab, so the queue's first load stays light; it hides on sign-out.
(function () {
  'use strict';
  var API = '/console/api';
  var ALL = /*strings*/{};
  var $ = function (id) { return document.getElementById(id); };
  $('bookings').innerHTML =
    '<form id="bk-form"><label><span data-bt="point"></span><select id="bk-point"></select></label>' +
    '<label><span data-bt="date"></span><input id="bk-date" type="date" required></label>' +
    '<button type="submit" data-bt="show"></button><a id="bk-export" data-bt="export" download hidden></a></form>' +
    '<p id="bk-error" role="alert"></p><p id="bk-notice" role="status"></p><div id="bk-panes"><div><h2 data-bt="bookings"></h2><ul id="bk-list"></ul></div>' +
    '<div><h2 data-bt="noShows"></h2><ul id="bk-noshows"></ul><h2 data-bt="slots"></h2><ul id="bk-slots"></ul></div></div>';
  var points = [];
  var role = null;
  var WEEKS = 8;
  // Each load() is numbered: the tab, the point, the date and the form each start one, so several can be in
  // flight, and their answers can come back in any order. Only the latest one's are shown, else a slower answer
  // for the day shown before would replace the day asked for.
  var loads = 0;

  function lang() { return $('lang').value === 'en' ? 'en' : 'fr'; }
  function t(key, vars) {
    var value = key.split('.').reduce(function (o, k) { return o && o[k]; }, ALL[lang()]) || key;
    return String(value).replace(/\{\{(\w+)\}\}/g, function (_m, k) { return vars && vars[k] !== undefined ? vars[k] : ''; });
  }
  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
    });
  }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Dates are the point's local calendar days, handled as plain YYYY-MM-DD strings (never the browser's zone data).
  function shiftDays(date, days) { return new Date(Date.parse(date + 'T00:00:00Z') + days * 86400000).toISOString().slice(0, 10); }
  function today() { var d = new Date(); return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())).toISOString().slice(0, 10); }

  function translate() {
    document.querySelectorAll('[data-bt]').forEach(function (e) { e.textContent = t(e.getAttribute('data-bt')); });
    $('bk-tab').textContent = $('bookings').hidden ? t('tab') : t('back');
    var select = $('bk-point');
    var chosen = select.value;
    select.innerHTML = '';
    points.forEach(function (p) { var o = el('option', '', p.name[lang()] || p.id); o.value = p.id; select.appendChild(o); });
    if (chosen) select.value = chosen;
  }

  function show(open) {
    $('bookings').hidden = !open;
    $('desk').hidden = open;
    translate();
    if (!open) return;
    // The role decides the export link; it is asked again after a new sign-in.
    (role ? Promise.resolve() : api('GET', '/me').then(function (r) { role = r.status === 200 ? r.data.role : null; })).then(load);
  }

  function load() {
    var point = $('bk-point').value;
    var date = $('bk-date').value;
    if (!point || !date) return Promise.resolve();
    $('bk-error').textContent = '';
    $('bk-notice').textContent = '';
    var q = '?point=' + encodeURIComponent(point) + '&date=' + date;
    var month = date.slice(0, 8);
    var exportLink = $('bk-export');
    exportLink.hidden = role !== 'admin';
    exportLink.href = API + '/bookings.csv?point=' + encodeURIComponent(point) + '&from=' + month + '01&to=' + shiftDays(shiftDays(month + '28', 4).slice(0, 8) + '01', -1);
    var current = ++loads;
    var latest = function (showPane) { return function (r) { if (current === loads) showPane(r); }; };
    return Promise.all([
      api('GET', '/bookings' + q).then(latest(showBookings)),
      api('GET', '/slots' + q).then(latest(showSlots)),
      api('GET', '/no-shows?point=' + encodeURIComponent(point) + '&from=' + shiftDays(date, -7 * (WEEKS - 1) - 6) + '&to=' + shiftDays(date, 6)).then(latest(showNoShows)),
    ]);
  }

  function failed(r) {
    if (r.status === 200) return false;
    $('bk-error').textContent = t('error', { error: r.data.message || r.data.error || r.status });
    return true;
  }

  function preRegistration(pre) {
    if (!pre) return t('noPre');
    var parts = [];
    if (pre.adults !== undefined) parts.push(t('adults', { count: pre.adults }));
    if (pre.children !== undefined) parts.push(t('children', { count: pre.children }));
    if (pre.document) parts.push(t('document.' + pre.document));
    if (pre.urgentMedical !== undefined) parts.push(t(pre.urgentMedical ? 'urgentMedical' : 'noMedical'));
    return parts.length ? parts.join(' · ') : t('noPre');
  }

  function showBookings(r) {
    if (failed(r)) return;
    var list = $('bk-list');
    list.innerHTML = '';
    if (!r.data.length) list.appendChild(el('li', 'empty', t('none')));
    r.data.forEach(function (b) {
      var li = el('li', 'bk-item ' + b.status);
      li.setAttribute('data-ref', b.ref);
      li.appendChild(el('strong', '', b.time + ' · ' + (b.firstName || '—') + (b.nationality ? ' (' + b.nationality + ')' : '')));
      li.appendChild(el('span', 'bk-status', t('status.' + b.status)));
      li.appendChild(el('p', '', b.ref + ' · ' + (b.channel || '—') + ' · ' + t('phone') + ' ' + (b.phone || t('noPhone'))));
      li.appendChild(el('p', b.preRegistration && b.preRegistration.urgentMedical ? 'bk-pre urgent' : 'bk-pre', t('pre') + ' ' + preRegistration(b.preRegistration)));
      if (b.anonymised) li.appendChild(el('p', 'bk-pre', t('erased')));
      var actions = el('div', 'bk-actions');
      if (b.status !== 'cancelled' && b.status !== 'moved') {
        actions.appendChild(button('markAttended', 'attended', b));
        actions.appendChild(button('markNoShow', 'no_show', b));
      }
      if (b.status === 'booked') actions.appendChild(button('cancel', 'cancelled', b));
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function button(label, status, b) {
    var btn = el('button', 'bk-' + status, t(label));
    btn.type = 'button';
    btn.setAttribute('aria-pressed', String(b.status === status));
    btn.addEventListener('click', function () {
      if (status === 'cancelled' && !window.confirm(t('confirmCancel', { ref: b.ref, channel: b.channel || '—' }))) return;
      btn.disabled = true;
      api('POST', '/bookings/' + encodeURIComponent(b.ref) + '/status', { status: status }).then(function (r) {
        return load().then(function () {
          if (r.status === 409) $('bk-error').textContent = t('notActive');
          else if (!failed(r) && status === 'cancelled') $('bk-notice').textContent = t('cancelledSent', { ref: b.ref });
        });
      });
    });
    return btn;
  }

  function showSlots(r) {
    if (failed(r)) return;
    var list = $('bk-slots');
    list.innerHTML = '';
    r.data.forEach(function (s) {
      list.appendChild(el('li', s.booked + s.held >= s.seats ? 'full' : '', t('slot', { time: s.time, booked: s.booked, seats: s.seats, held: s.held })));
    });
  }

  function showNoShows(r) {
    if (failed(r)) return;
    var list = $('bk-noshows');
    list.innerHTML = '';
    if (!r.data.length) list.appendChild(el('li', 'empty', t('noShowEmpty')));
    r.data.forEach(function (w) {
      var marked = w.attended + w.noShow;
      list.appendChild(el('li', '', w.rate === null ? t('noShowNone', { week: w.week })
        : t('noShowWeek', { week: w.week, rate: Math.round(w.rate * 100) + ' %', noShow: w.noShow, marked: marked })));
    });
  }

  // console.js hides the logout button on sign-out (bookingsTab.js hides the tab); the next sign-in may be someone else.
  new MutationObserver(function () {
    if ($('logout').hidden) { $('bookings').hidden = true; role = null; }
  }).observe($('logout'), { attributes: true, attributeFilter: ['hidden'] });

  $('bk-date').value = today();
  $('bk-tab').addEventListener('click', function () { show($('bookings').hidden); });
  $('bk-form').addEventListener('submit', function (e) { e.preventDefault(); load(); });
  $('bk-point').addEventListener('change', load);
  $('bk-date').addEventListener('change', load);
  $('lang').addEventListener('change', function () { translate(); if (!$('bookings').hidden) load(); });
  api('GET', '/points').then(function (r) {
    if (r.status === 200) points = r.data;
    show(true);
  });
})();
