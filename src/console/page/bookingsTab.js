// The console's "appointments" tab: shown while someone is signed in (console.js shows the logout button then);
// its first click loads the appointments view (bookings.js, bookings.css), which then handles the tab itself.
(function () {
  'use strict';
  var tab = document.getElementById('bk-tab');
  var logout = document.getElementById('logout');
  var labels = JSON.parse(tab.getAttribute('data-labels'));
  var label = function () { tab.textContent = labels[document.getElementById('lang').value] || labels.fr; };
  function sync() { tab.hidden = logout.hidden; label(); }
  function load() {
    tab.removeEventListener('click', load);
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/console/bookings.css';
    document.head.appendChild(css);
    var script = document.createElement('script');
    script.src = '/console/bookings.js';
    document.body.appendChild(script);
  }
  new MutationObserver(sync).observe(logout, { attributes: true, attributeFilter: ['hidden'] });
  document.getElementById('lang').addEventListener('change', label);
  tab.addEventListener('click', load);
  sync();
})();
