// Citation previews: Escape hides the one shown (WCAG 1.4.13, dismissible) until the pointer or the
// focus leaves it. The previews themselves are CSS (hover and focus); this dismisses them and keeps
// them on the screen.
(function () {
  'use strict';
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    document.querySelectorAll('.cite').forEach(function (cite) {
      if (cite.matches(':hover') || cite.contains(document.activeElement)) cite.classList.add('preview-dismissed');
    });
  });
  // mouseleave does not bubble, so it is caught on its way down; only the citation itself counts.
  document.addEventListener('mouseleave', function (event) {
    if (event.target.classList && event.target.classList.contains('cite')) event.target.classList.remove('preview-dismissed');
  }, true);
  // A preview opens at the left of its citation; near the right edge, or when the citation wraps
  // at the end of a line, that runs off the screen, so it is moved left by what sticks out. On a
  // phone the CSS pins previews to the screen (position: fixed), and nothing is moved.
  var MARGIN = 8;
  function keepOnScreen(cite) {
    var preview = cite.querySelector(':scope > .cite-preview');
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
    // The link inside carries the class too; the preview belongs to the span around it.
    var cite = event.target.closest && event.target.closest('span.cite');
    if (cite) keepOnScreen(cite);
  });
  document.addEventListener('mouseenter', function (event) {
    if (event.target.matches && event.target.matches('span.cite')) keepOnScreen(event.target);
  }, true);
  document.addEventListener('focusout', function (event) {
    var cite = event.target.closest && event.target.closest('.cite');
    if (cite && !cite.contains(event.relatedTarget)) cite.classList.remove('preview-dismissed');
  });
})();
