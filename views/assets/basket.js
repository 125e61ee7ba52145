// The selection ("basket") of sources: kept in this browser (localStorage) and shared as a URL,
// /basket?keys=a,b,c. Pages work without it; it only adds the buttons and keeps the list.
'use strict';
(function () {
  const STORE = 'dossier-selection';

  function load() {
    try {
      const value = JSON.parse(window.localStorage.getItem(STORE) || '[]');
      return Array.isArray(value) ? value.filter(function (key) { return typeof key === 'string'; }) : [];
    } catch {
      return [];
    }
  }

  function save(keys) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(keys));
    } catch {
      // Storage may be disabled; the shared URL still works.
    }
  }

  function href(keys) {
    return keys.length === 0 ? '/basket' : '/basket?keys=' + keys.map(encodeURIComponent).join(',');
  }

  function refreshLink(keys) {
    const link = document.getElementById('basket-link');
    if (!link) return;
    link.href = href(keys);
    link.textContent = keys.length === 0 ? 'Selection' : 'Selection (' + keys.length + ')';
  }

  let keys = load();
  // Opening a shared selection makes it this browser's selection.
  const shared = document.querySelector('[data-basket-keys]');
  if (shared && window.location.pathname === '/basket') {
    keys = shared.getAttribute('data-basket-keys').split(',').filter(Boolean);
    save(keys);
  }
  refreshLink(keys);

  for (const button of document.querySelectorAll('button.basket-add')) {
    const key = button.getAttribute('data-basket-key');
    const label = function () {
      button.textContent = keys.includes(key) ? 'In my selection ✓' : 'Add to my selection';
    };
    label();
    button.hidden = false;
    button.addEventListener('click', function () {
      keys = keys.includes(key) ? keys.filter(function (k) { return k !== key; }) : keys.concat([key]);
      save(keys);
      label();
      refreshLink(keys);
    });
  }

  for (const button of document.querySelectorAll('button.basket-remove')) {
    button.hidden = false;
    button.addEventListener('click', function () {
      const key = button.getAttribute('data-basket-key');
      keys = keys.filter(function (k) { return k !== key; });
      save(keys);
      window.location.href = href(keys);
    });
  }
})();
