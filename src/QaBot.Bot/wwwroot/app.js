// QaBot web chat: Bot Framework Web Chat connected to the bot's same-origin web chat API
// (/webchat/conversations ...) through a custom directLine object, no Azure needed.
(function () {
  'use strict';

  var observableSymbol = typeof Symbol === 'function' && Symbol.observable ? Symbol.observable : '@@observable';

  // A minimal multicast observable: what Web Chat needs from activity$ and connectionStatus$.
  function createSubject(initial, hasInitial, onFirstSubscribe) {
    var observers = [];
    var current = initial;
    var started = false;
    var subject = {
      subscribe: function (observerOrNext, error, complete) {
        var observer = typeof observerOrNext === 'function'
          ? { next: observerOrNext, error: error, complete: complete }
          : (observerOrNext || {});
        observers.push(observer);
        if (hasInitial && observer.next) { observer.next(current); }
        if (!started && onFirstSubscribe) { started = true; onFirstSubscribe(); }
        var subscription = {
          closed: false,
          unsubscribe: function () {
            subscription.closed = true;
            observers = observers.filter(function (o) { return o !== observer; });
          }
        };
        return subscription;
      },
      next: function (value) {
        current = value;
        observers.slice().forEach(function (o) { if (o.next) { o.next(value); } });
      },
      get value() { return current; }
    };
    subject[observableSymbol] = function () { return subject; };
    return subject;
  }

  function single(promise) {
    var observable = {
      subscribe: function (observerOrNext, error, complete) {
        var observer = typeof observerOrNext === 'function'
          ? { next: observerOrNext, error: error, complete: complete }
          : (observerOrNext || {});
        var closed = false;
        promise.then(function (value) {
          if (closed) { return; }
          if (observer.next) { observer.next(value); }
          if (observer.complete) { observer.complete(); }
        }, function (err) {
          if (!closed && observer.error) { observer.error(err); }
        });
        return { unsubscribe: function () { closed = true; } };
      }
    };
    observable[observableSymbol] = function () { return observable; };
    return observable;
  }

  // connectionStatus values as Web Chat knows them.
  var Uninitialized = 0, Connecting = 1, Online = 2, FailedToConnect = 4, Ended = 5;

  function createQaBotDirectLine(onStatus) {
    var conversationId = null;
    var source = null;
    var connectionStatus$ = createSubject(Uninitialized, true);
    var ready;
    var resolveReady;
    ready = new Promise(function (resolve) { resolveReady = resolve; });

    function setStatus(status) { connectionStatus$.next(status); if (onStatus) { onStatus(status); } }

    function connect() {
      setStatus(Connecting);
      fetch('/webchat/conversations', { method: 'POST' })
        .then(function (r) { if (!r.ok) { throw new Error('Starting the conversation failed: ' + r.status); } return r.json(); })
        .then(function (body) {
          conversationId = body.conversationId;
          source = new EventSource('/webchat/conversations/' + encodeURIComponent(conversationId) + '/stream');
          source.addEventListener('open', function () { setStatus(Online); resolveReady(); });
          source.addEventListener('activity', function (event) {
            var activity = JSON.parse(event.data);
            rememberCitations(activity);
            activity$.next(activity);
          });
          source.addEventListener('error', function () {
            if (source.readyState === EventSource.CLOSED) { setStatus(FailedToConnect); }
          });
        })
        .catch(function () { setStatus(FailedToConnect); });
    }

    var activity$ = createSubject(undefined, false, connect);

    return {
      activity$: activity$,
      connectionStatus$: connectionStatus$,
      postActivity: function (activity) {
        return single(ready.then(function () {
          return fetch('/webchat/conversations/' + encodeURIComponent(conversationId) + '/activities', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(activity)
          }).then(function (r) {
            if (!r.ok) { throw new Error('Sending failed: ' + r.status); }
            return r.json();
          }).then(function (body) { return body.id; });
        }));
      },
      end: function () {
        if (source) { source.close(); }
        setStatus(Ended);
      }
    };
  }

  // Inline citations: every answer's channelData.qabot.citations says what each [n] link points at
  // (title, date, the cited sentence); links to those addresses become pills with a preview on hover/focus.
  var citations = new Map();
  function rememberCitations(activity) {
    var data = activity && activity.channelData && activity.channelData.qabot;
    if (data && Array.isArray(data.citations)) {
      data.citations.forEach(function (c) { if (c && typeof c.url === 'string') { citations.set(c.url, c); } });
    }
  }

  function citationFor(link) {
    return citations.get(link.href) || citations.get(link.getAttribute('href')) || null;
  }

  // A pill is a link to a cited passage whose text is the citation's number.
  function citationOf(element) {
    var link = element && element.closest ? element.closest('a.qabot-citation') : null;
    var citation = link ? citationFor(link) : null;
    return citation ? { link: link, citation: citation } : null;
  }

  function decorateCitationLinks(root) {
    Array.prototype.forEach.call(root.querySelectorAll('.webchat__render-markdown a[href]:not(.qabot-citation)'), function (link) {
      var citation = citationFor(link);
      if (!citation || link.textContent.trim() !== String(citation.n)) { return; }
      link.classList.add('qabot-citation');
      link.setAttribute('aria-label', 'Source ' + citation.n + ': ' + citation.title + ' (opens the article at the cited passage)');
      link.setAttribute('aria-describedby', 'citation-preview');
      link.removeAttribute('title');
    });
  }

  var preview = document.getElementById('citation-preview');
  var shown = null;
  function showPreview(found) {
    shown = found;
    var c = found.citation;
    preview.textContent = '';
    var title = document.createElement('div');
    title.className = 'title';
    title.textContent = '[' + c.n + '] ' + c.title;
    preview.appendChild(title);
    if (c.date) {
      var date = document.createElement('div');
      date.className = 'date';
      date.textContent = c.date;
      preview.appendChild(date);
    }
    var quote = document.createElement('blockquote');
    quote.textContent = c.sentence;
    preview.appendChild(quote);
    var open = document.createElement('div');
    open.className = 'open';
    open.textContent = 'Click to open the article at this passage.';
    preview.appendChild(open);
    preview.hidden = false;
    placePreview();
  }
  function placePreview() {
    if (!shown) { return; }
    var box = shown.link.getBoundingClientRect();
    var width = preview.offsetWidth, height = preview.offsetHeight;
    var left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
    var top = box.top - height - 8 >= 8 ? box.top - height - 8 : box.bottom + 8;
    preview.style.left = left + 'px';
    preview.style.top = top + 'px';
  }
  function hidePreview() { preview.hidden = true; shown = null; }

  document.addEventListener('mouseover', function (event) { var found = citationOf(event.target); if (found) { showPreview(found); } });
  document.addEventListener('mouseout', function (event) { if (citationOf(event.target)) { hidePreview(); } });
  document.addEventListener('focusin', function (event) { var found = citationOf(event.target); if (found) { showPreview(found); } else { hidePreview(); } });
  document.addEventListener('focusout', function (event) { if (citationOf(event.target)) { hidePreview(); } });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') { hidePreview(); } });
  window.addEventListener('scroll', placePreview, true);

  var statusElement = document.getElementById('status');
  function showStatus(status) {
    var text = { 0: 'Connecting…', 1: 'Connecting…', 2: 'Online', 4: 'Offline — reload to retry', 5: 'Ended' }[status] || '';
    statusElement.textContent = text;
    statusElement.className = 'status' + (status === Online ? ' online' : status >= FailedToConnect ? ' offline' : '');
  }

  var store = window.WebChat.createStore();
  window.WebChat.renderWebChat({
    directLine: createQaBotDirectLine(showStatus),
    store: store,
    userID: 'webchat-user',
    username: 'You',
    locale: 'en-US',
    styleOptions: {
      botAvatarInitials: 'Q',
      userAvatarInitials: 'You',
      botAvatarBackgroundColor: '#1f3a68',
      bubbleBorderRadius: 10,
      bubbleFromUserBackground: '#e8eef8',
      bubbleFromUserBorderRadius: 10,
      suggestedActionLayout: 'flow',
      hideUploadButton: true,
      sendBoxTextWrap: true
    }
  }, document.getElementById('webchat'));

  var chatElement = document.getElementById('webchat');
  new MutationObserver(function () { decorateCitationLinks(chatElement); }).observe(chatElement, { childList: true, subtree: true });

  // "Try asking": questions drawn from the indexed articles (or configured), once the index is ready.
  var exampleList = document.getElementById('example-list');
  var corpusSize = document.getElementById('corpus-size');
  function showExamples(body) {
    corpusSize.textContent = body.documents === 1 ? '1 article indexed' : body.documents.toLocaleString('en-US') + ' articles indexed';
    exampleList.textContent = '';
    body.questions.forEach(function (question) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'example';
      button.textContent = question;
      button.addEventListener('click', function () {
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: question } });
      });
      item.appendChild(button);
      exampleList.appendChild(item);
    });
  }
  function loadExamples(attempt) {
    fetch('/webchat/examples')
      .then(function (r) { if (!r.ok) { throw new Error('examples: ' + r.status); } return r.json(); })
      .then(function (body) {
        if (body.ready) { showExamples(body); return; }
        corpusSize.textContent = 'Reading the articles…';
        if (attempt < 150) { setTimeout(function () { loadExamples(attempt + 1); }, 2000); }
      })
      .catch(function () { if (attempt < 150) { setTimeout(function () { loadExamples(attempt + 1); }, 2000); } });
  }
  loadExamples(0);

  window.qabotStore = store;
}());
