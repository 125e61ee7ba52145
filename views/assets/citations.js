// Citation previews: Escape hides the one shown (WCAG 1.4.13, dismissible) until the pointer or the
// focus leaves it. The previews themselves are CSS (hover and focus); this only dismisses them.
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
  document.addEventListener('focusout', function (event) {
    var cite = event.target.closest && event.target.closest('.cite');
    if (cite && !cite.contains(event.relatedTarget)) cite.classList.remove('preview-dismissed');
  });
})();
