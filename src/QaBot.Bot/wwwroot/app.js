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
          source.addEventListener('activity', function (event) { activity$.next(JSON.parse(event.data)); });
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

  Array.prototype.forEach.call(document.querySelectorAll('.example'), function (button) {
    button.addEventListener('click', function () {
      store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: button.textContent } });
    });
  });

  window.qabotStore = store;
}());
