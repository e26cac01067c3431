/*
 * Placeholder entry of the playground page until the UI lands: shows the title
 * so `npm start` serves a real page. The UI (React, zustand, d3, xterm) will
 * replace this file.
 */
const root = document.getElementById('root');
if (root) {
  const h1 = document.createElement('h1');
  h1.textContent = 'Tidepool';
  root.append(h1);
}
