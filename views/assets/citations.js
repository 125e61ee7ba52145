// Citation previews. A citation names in aria-describedby the note, or the bibliography entries,
// that the page prints anyway; the first time it is hovered or focused, the preview is made from
// their text (without their links: a tooltip holds nothing to click), so each note's text is sent
// once, not twice. The CSS shows a preview on hover and focus; Escape hides the one shown (WCAG
// 1.4.13, dismissible) until the pointer or the focus leaves it. Without script the citation still
// links to its note or source, and a screen reader still reads the note as its description.
(function () {
  'use strict';
  // A citation is a span (an in-text reference, whose link carries the class too) or, for a note
  // marker alone, the sup around it; the preview belongs to that element.
  var CITATION = 'span.cite, sup.cite';
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    document.querySelectorAll(CITATION).forEach(function (cite) {
      if (cite.matches(':hover') || cite.contains(document.activeElement)) cite.classList.add('preview-dismissed');
    });
  });
  // mouseleave does not bubble, so it is caught on its way down; only the citation itself counts.
  document.addEventListener('mouseleave', function (event) {
    if (event.target.classList && event.target.classList.contains('cite')) event.target.classList.remove('preview-dismissed');
  }, true);
  // The parts of a note or an entry that are ways out of it, not its text: the links to the sources
  // and back to the text after a note, the "Source page" link and badges after an entry.
  var NOT_PREVIEWED = '.note-sources, a[href^="#user-content-note-ref-"], li > a[href^="/sources/"], .badge';
  function previewOf(cite) {
    var existing = cite.querySelector(':scope > .cite-preview');
    if (existing) return existing;
    var link = cite.querySelector('a[aria-describedby]');
    if (!link) return null;
    var preview = document.createElement('span');
    preview.className = 'cite-preview';
    preview.setAttribute('role', 'tooltip');
    link.getAttribute('aria-describedby').split(/\s+/).forEach(function (id) {
      var described = id && document.getElementById(id);
      if (!described) return;
      var copy = described.cloneNode(true);
      copy.querySelectorAll(NOT_PREVIEWED).forEach(function (part) { part.remove(); });
      // A link left in the text (a URL in a reference) becomes its words.
      copy.querySelectorAll('a').forEach(function (inner) { inner.replaceWith(document.createTextNode(inner.textContent)); });
      // The copy is a span, as a preview stands inside a paragraph; its blocks (citeproc's entries) become spans too.
      var entry = document.createElement('span');
      entry.className = 'cite-preview-entry';
      while (copy.firstChild) entry.appendChild(copy.firstChild);
      entry.querySelectorAll('div').forEach(function (block) {
        var span = document.createElement('span');
        span.className = block.className;
        while (block.firstChild) span.appendChild(block.firstChild);
        block.replaceWith(span);
      });
      // What stood between the text and the links taken out is only space.
      while (entry.lastChild && entry.lastChild.nodeType === 3 && entry.lastChild.nodeValue.trim() === '') entry.removeChild(entry.lastChild);
      if (entry.lastChild && entry.lastChild.nodeType === 3) entry.lastChild.nodeValue = entry.lastChild.nodeValue.replace(/\s+$/, '');
      preview.appendChild(entry);
    });
    if (!preview.hasChildNodes()) return null;
    cite.appendChild(preview);
    return preview;
  }
  // A preview opens at the left of its citation; near the right edge, or when the citation wraps
  // at the end of a line, that runs off the screen, so it is moved left by what sticks out. On a
  // phone the CSS pins previews to the screen (position: fixed), and nothing is moved.
  var MARGIN = 8;
  function keepOnScreen(cite) {
    var preview = previewOf(cite);
    if (!preview) return;
    preview.style.left = '';
    if (window.getComputedStyle(preview).position !== 'absolute') return;
    var box = preview.getBoundingClientRect();
    var limit = document.documentElement.clientWidth - MARGIN;
    var shift = 0;
    if (box.right > limit) shift = limit - box.right;
    if (box.left + shift < MARGIN) shift = MARGIN - box.left;
    if (shift !== 0) preview.style.left = shift + 'px';
  }
  document.addEventListener('focusin', function (event) {
    var cite = event.target.closest && event.target.closest(CITATION);
    if (cite) keepOnScreen(cite);
  });
  document.addEventListener('mouseenter', function (event) {
    if (event.target.matches && event.target.matches(CITATION)) keepOnScreen(event.target);
  }, true);
  document.addEventListener('focusout', function (event) {
    var cite = event.target.closest && event.target.closest(CITATION);
    if (cite && !cite.contains(event.relatedTarget)) cite.classList.remove('preview-dismissed');
  });
})();
