// Live reload for `dossier serve --watch`: reload the page when the corpus it shows is replaced.
'use strict';
(function () {
  const script = document.currentScript;
  const shown = script ? Number(script.getAttribute('data-version')) : 0;
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource('/live');
  source.addEventListener('version', function (event) {
    if (Number(event.data) !== shown) {
      source.close();
      window.location.reload();
    }
  });
})();
