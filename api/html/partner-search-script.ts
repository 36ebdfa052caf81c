import type { FastifyInstance } from 'fastify';

/**
 * The few lines of script behind the planning forms' partner field (api/html/invitee-choice-form.ts):
 * as staff type, ask GET /api/partners/search for a few matching partners and offer their names in the
 * field's `<datalist>`; once staff pick one (a suggestion chosen, or the field left holding one
 * suggestion's name), tick that partner in the form and empty the field. A name several partners share
 * is left for the server, which offers them to tick. Without script the form works the same, the name
 * being looked up on sending. Served from this origin: the Content-Security-Policy allows no inline script.
 */
export const partnerSearchScript = `'use strict';
for (const picker of document.querySelectorAll('.partner-picker')) {
  const field = picker.querySelector('input[list]');
  const suggestions = document.getElementById(field.getAttribute('list'));
  const chosen = picker.querySelector('[data-chosen]');
  let found = [];
  let asked = '';
  let timer;
  const ask = async () => {
    const text = field.value.trim();
    if (text.length < 2 || text === asked) return;
    asked = text;
    const answer = await fetch(picker.dataset.search + '?q=' + encodeURIComponent(text), {
      headers: { accept: 'application/json' },
    });
    if (!answer.ok || field.value.trim() !== text) return;
    found = (await answer.json()).partners;
    suggestions.replaceChildren(
      ...found.map((partner) => {
        const option = document.createElement('option');
        option.value = partner.name;
        return option;
      }),
    );
  };
  const pick = () => {
    const named = found.filter((partner) => partner.name === field.value);
    if (named.length !== 1) return;
    const partner = named[0];
    let box = [...chosen.querySelectorAll('input')].find((input) => input.value === partner.id);
    if (!box) {
      const label = document.createElement('label');
      box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'partnerIds';
      box.value = partner.id;
      label.append(box, ' ' + partner.name);
      chosen.append(label);
    }
    box.checked = true;
    field.value = '';
    field.focus();
  };
  field.addEventListener('input', (event) => {
    // A suggestion chosen arrives as an input event without typing (no inputType, or a replacement).
    if (!event.inputType || event.inputType === 'insertReplacementText') return pick();
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  field.addEventListener('change', pick);
}
`;

/** `/staff/partner-search.js`, behind the staff sign-in like the pages that use it. */
export function partnerSearchScriptRoute(app: FastifyInstance): void {
  app.get('/staff/partner-search.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(partnerSearchScript),
  );
}
