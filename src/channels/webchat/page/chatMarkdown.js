// Trait d'Union web chat: turns the subset of Markdown the server sends (src/channels/contentMarkdown.ts) into
// safe HTML: **bold**, _italic_, ~~strike~~, backslash escapes, "- " and "1. " lists, hard breaks (backslash at
// line end), blank lines between paragraphs; everything else is escaped. Served in front of chat.js, in the same
// file (webChatPage.ts), so the page still loads one script.
var tduMarkdown = (function () {
  'use strict';

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function inline(text) {
    var kept = [];
    var s = String(text).replace(/\\([!-\/:-@\[-`{-~])/g, function (m, c) { kept.push(c); return '\u0000' + (kept.length - 1) + '\u0001'; });
    s = escapeHtml(s)
      .replace(/\*\*([^*]+?)\*\*/g, '<b>$1</b>')
      .replace(/~~([^~]+?)~~/g, '<s>$1</s>')
      .replace(/(^|[^\w])_([^_]+?)_(?!\w)/g, '$1<i>$2</i>');
    return s.replace(/\u0000(\d+)\u0001/g, function (m, i) { return escapeHtml(kept[Number(i)]); });
  }

  return function markdown(text) {
    return String(text || '').split(/\n{2,}/).map(function (block) {
      var lines = block.split('\n');
      var bullets = lines.every(function (l) { return /^- /.test(l); });
      var numbered = lines.every(function (l) { return /^\d+\. /.test(l); });
      if (bullets || numbered) {
        var items = lines.map(function (l) { return '<li>' + inline(l.replace(/^(- |\d+\. )/, '')) + '</li>'; }).join('');
        return numbered ? '<ol start="' + parseInt(lines[0], 10) + '">' + items + '</ol>' : '<ul>' + items + '</ul>';
      }
      return '<p>' + lines.map(function (l) { return inline(l.replace(/\\$/, '')); }).join('<br>') + '</p>';
    }).join('');
  };
})();
