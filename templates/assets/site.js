/* zhinan pages: the 长辈版 switch, print buttons, the situation questions of an item page
 * ("以下情况是否适用于您？"), the personal slip (打印我的清单) and 朗读 (read aloud).
 * Hand-written, no dependencies, no request of its own. Everything here is an addition: without
 * JavaScript every page shows the whole guide (every material), as printed.
 *
 * The visitor's situations live in the address: `?s=1,3` ticks the first and third question of
 * the item page, and the slip under the same `?s=` lists only what those situations need. */
(function () {
  'use strict';

  var MODE_KEY = 'zhinan-mode';
  var root = document.documentElement;

  // ---- 长辈版 / 标准版 -----------------------------------------------------------------------
  function modeSwitch() {
    var buttons = document.querySelectorAll('[data-mode-switch]');
    function show() {
      var senior = root.classList.contains('senior');
      for (var i = 0; i < buttons.length; i++) {
        var label = buttons[i].querySelector('[data-mode-label]');
        if (label) label.textContent = senior ? '标准版' : '长辈版';
      }
    }
    function toggle() {
      var senior = root.classList.toggle('senior');
      try {
        if (senior) window.localStorage.setItem(MODE_KEY, 'senior');
        else window.localStorage.removeItem(MODE_KEY);
      } catch (error) {
        /* Not remembered; the page still switches. */
      }
      show();
    }
    for (var i = 0; i < buttons.length; i++) buttons[i].addEventListener('click', toggle);
    // Another tab switched: follow it.
    window.addEventListener('storage', function (event) {
      if (event.key !== MODE_KEY && event.key !== null) return;
      var wanted = false;
      try { wanted = window.localStorage.getItem(MODE_KEY) === 'senior'; } catch (error) { /* none */ }
      root.classList.toggle('senior', wanted);
      show();
    });
    show();
  }

  // ---- Print buttons ---------------------------------------------------------------------
  function printButtons() {
    var buttons = document.querySelectorAll('[data-print]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function () { window.print(); });
    }
  }

  // ---- Situations ------------------------------------------------------------------------
  /** The ticked situations of `search` (`?s=1,3`): distinct numbers from 1 to `count`, sorted;
   *  null when the address has no `s`. */
  function choicesOf(search, count) {
    var params = new URLSearchParams(search);
    if (!params.has('s')) return null;
    var chosen = [];
    var parts = params.get('s').split(',');
    for (var i = 0; i < parts.length; i++) {
      var number = Number(parts[i]);
      if (/^\d+$/.test(parts[i]) && number >= 1 && number <= count && chosen.indexOf(number) < 0) {
        chosen.push(number);
      }
    }
    return chosen.sort(function (a, b) { return a - b; });
  }

  /** Shows the rows of `rows` needed in the `chosen` situations (always-required rows, data-situation
   *  0, always); returns how many to bring (exempt rows are shown, not counted) and how many are
   *  exempt. */
  function filterRows(rows, chosen) {
    var bring = 0;
    var exempt = 0;
    for (var i = 0; i < rows.length; i++) {
      var situation = Number(rows[i].getAttribute('data-situation')) || 0;
      var needed = situation === 0 || chosen.indexOf(situation) >= 0;
      rows[i].hidden = !needed;
      if (!needed) continue;
      if (rows[i].hasAttribute('data-exempt')) exempt += 1;
      else bring += 1;
    }
    return { bring: bring, exempt: exempt };
  }

  function countText(counts) {
    var text = '您需要准备 ' + counts.bring + ' 项材料';
    if (counts.exempt) text += '（另有 ' + counts.exempt + ' 项免提交）';
    return text + '。';
  }

  function situationQuestions() {
    var fieldset = document.querySelector('[data-situations]');
    var table = document.querySelector('table.materials');
    if (!fieldset || !table) return;
    var boxes = fieldset.querySelectorAll('input[type="checkbox"]');
    var rows = table.querySelectorAll('tbody tr');
    var count = document.querySelector('[data-materials-count]');
    var caption = table.querySelector('[data-materials-caption]');
    var myList = document.querySelector('[data-my-list]');
    var slipLink = myList && myList.querySelector('a');
    var slipBase = slipLink ? slipLink.getAttribute('href').split('?')[0] : '';
    var initial = choicesOf(window.location.search, boxes.length) || [];
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = initial.indexOf(Number(boxes[i].value)) >= 0;
    }

    function apply(remember) {
      var chosen = [];
      for (var j = 0; j < boxes.length; j++) if (boxes[j].checked) chosen.push(Number(boxes[j].value));
      var counts = filterRows(rows, chosen);
      if (count) count.textContent = countText(counts);
      if (caption) caption.textContent = '按您的情况列出 ' + (counts.bring + counts.exempt) + ' 项，共 ' + rows.length + ' 项';
      var query = '?s=' + chosen.join(',');
      if (slipLink) slipLink.setAttribute('href', slipBase + query);
      if (remember) {
        var url = new URL(window.location.href);
        if (chosen.length) url.search = query; else url.searchParams.delete('s');
        window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
      }
    }
    fieldset.addEventListener('change', function () { apply(true); });
    fieldset.hidden = false;
    if (count) count.hidden = false;
    if (myList) myList.hidden = false;
    apply(false);
  }

  /** The slip under `?s=`: only the materials of the ticked situations, renumbered, counted, and a
   *  line naming the situations. */
  function personalSlip() {
    var table = document.querySelector('table.slip-materials');
    var names = document.querySelectorAll('[data-slip-situation-names] li');
    var line = document.querySelector('[data-slip-situations]');
    if (!table || !line) return;
    var chosen = choicesOf(window.location.search, names.length);
    if (chosen === null) return;
    var rows = table.querySelectorAll('tbody tr');
    var counts = filterRows(rows, chosen);
    for (var i = 0; i < rows.length; i++) if (rows[i].hidden) rows[i].remove();
    var kept = table.querySelectorAll('tbody tr td.num');
    for (var k = 0; k < kept.length; k++) kept[k].textContent = String(k + 1);
    var total = document.querySelector('[data-slip-count]');
    if (total) total.textContent = '共 ' + counts.bring + ' 项' + (counts.exempt ? '，另有 ' + counts.exempt + ' 项免提交' : '');
    var chosenNames = [];
    for (var n = 0; n < chosen.length; n++) chosenNames.push(names[chosen[n] - 1].textContent);
    var text = line.querySelector('[data-slip-situations-text]');
    text.textContent = chosenNames.length
      ? chosenNames.join('；')
      : '以上情况均不适用，只列出必须提交的材料';
    line.hidden = false;
    document.body.classList.add('personal');
    var back = document.querySelector('[data-slip-back]');
    if (back) back.setAttribute('href', back.getAttribute('href').split('?')[0] + '?s=' + chosen.join(','));
  }

  // ---- 朗读 -------------------------------------------------------------------------------
  function readAloud() {
    var button = document.querySelector('[data-read-aloud]');
    var synth = window.speechSynthesis;
    if (!button || !synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
    var label = button.querySelector('[data-read-aloud-label]') || button;
    var reading = false;

    function chineseVoice() {
      var voices = synth.getVoices() || [];
      for (var i = 0; i < voices.length; i++) {
        if (/^zh([-_]|$)/i.test(voices[i].lang || '')) return voices[i];
      }
      return null;
    }
    function showButton() {
      button.hidden = !chineseVoice();
    }
    function setReading(on) {
      reading = on;
      label.textContent = on ? '停止朗读' : '朗读';
    }
    /** The item's main parts in page order: its title, then each section as shown (rows
     *  filtered out by the situations are not read; controls marked data-no-read are not). */
    function parts() {
      var article = document.querySelector('article.item');
      if (!article) return [];
      var texts = [];
      var header = article.querySelector('.item-header h1');
      if (header) texts.push(header.innerText);
      var sections = article.querySelectorAll(':scope > section');
      for (var i = 0; i < sections.length; i++) {
        var pieces = [];
        var children = sections[i].children;
        for (var j = 0; j < children.length; j++) {
          if (children[j].hidden || children[j].hasAttribute('data-no-read')) continue;
          pieces.push(children[j].innerText);
        }
        var text = pieces.join('。').replace(/\s+/g, ' ').trim();
        if (text) texts.push(text);
      }
      return texts;
    }
    button.addEventListener('click', function () {
      if (reading) {
        setReading(false);
        synth.cancel();
        return;
      }
      var voice = chineseVoice();
      if (!voice) return;
      synth.cancel();
      var texts = parts();
      setReading(true);
      for (var i = 0; i < texts.length; i++) {
        var utterance = new window.SpeechSynthesisUtterance(texts[i]);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        if (i === texts.length - 1) {
          utterance.onend = function () { setReading(false); };
        }
        synth.speak(utterance);
      }
    });
    showButton();
    if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', showButton);
  }

  function start() {
    modeSwitch();
    printButtons();
    situationQuestions();
    personalSlip();
    readAloud();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
