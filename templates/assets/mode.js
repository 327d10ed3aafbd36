/* zhinan 长辈版 (large-print mode for older visitors), before first paint: loaded without
 * `defer` in <head>, so the saved choice is applied before anything is drawn and the standard
 * style never flashes. The choice lives in this browser only (localStorage, no cookie); the
 * switch itself is in site.js. The class `js` tells the style sheet that scripts run (controls
 * that need them are shown only then). */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  try {
    if (window.localStorage.getItem('zhinan-mode') === 'senior') root.classList.add('senior');
  } catch (error) {
    /* Storage refused (private mode, disabled): the standard version. */
  }
})();
