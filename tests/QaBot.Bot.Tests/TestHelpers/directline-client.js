// Drives offline-directline with the Bot Framework's own Direct Line client (botframework-directlinejs):
// posts one question and prints the first bot message that carries entities (the cited answer) as JSON.
// Usage: node directline-client.js <directLineDomain> <question> <timeoutMs>   (NODE_PATH = repo node_modules)
'use strict';
global.XMLHttpRequest = require('xhr2');
global.WebSocket = undefined;
const { DirectLine } = require('botframework-directlinejs');

const [domain, question, timeoutMs] = process.argv.slice(2);
const userId = 'conformance-user';
const directLine = new DirectLine({ secret: 'offline', domain, webSocket: false, pollingInterval: 250 });

const timer = setTimeout(() => {
  console.error('timed out waiting for the cited answer');
  process.exit(2);
}, Number(timeoutMs));

directLine.activity$.subscribe(
  (activity) => {
    const fromUser = activity.from && activity.from.id === userId;
    if (!fromUser && activity.type === 'message' && Array.isArray(activity.entities) && activity.entities.length > 0) {
      clearTimeout(timer);
      process.stdout.write(JSON.stringify(activity) + '\n', () => process.exit(0));
    }
  },
  (error) => {
    console.error('activity$ failed: ' + error);
    process.exit(3);
  });

directLine.postActivity({ type: 'message', from: { id: userId, name: 'Conformance' }, text: question }).subscribe(
  (id) => console.error('posted ' + id),
  (error) => {
    console.error('postActivity failed: ' + error);
    process.exit(4);
  });
