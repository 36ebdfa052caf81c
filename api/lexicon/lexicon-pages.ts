import type { FastifyInstance, FastifyReply } from 'fastify';
import { staffUserOf } from '../../auth/plugin';
import { lexiconLink, lexiconPath } from '../../domain/lexicon';
import { languages, type Language } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import {
  addTerm,
  changeTerm,
  lexiconTerms,
  termHistory,
  type LexiconTerm,
  type TermVersion,
} from '../../features/lexicon/lexicon';
import { newTermSchema, termChangeSchema } from '../../features/lexicon/schema';
import { ApiError } from '../../http/api-error';
import { noFiltersQuery } from '../../http/list-query';
import { compileParser } from '../../http/validation';
import { type PageContext, pageContext } from '../html/context';
import { apiErrorText } from '../html/error-text';
import { type FormFields, formOf, listOf, textOf } from '../html/forms';
import { html, type Html } from '../html/layout';
import { ignoredNotice, readPageQuery } from '../html/page-query';
import { dateTimeText, emptyState, notice, staffPage, table, textArea, textField } from '../html/view';

const parseNewTerm = compileParser(newTermSchema);
const parseChange = compileParser(termChangeSchema);

const send = (reply: FastifyReply, status: number, page: string) =>
  reply.status(status).type('text/html; charset=utf-8').send(page);

/** The term's label in the staff page's language. */
const labelIn = (ctx: PageContext, version: TermVersion) => version.label[ctx.lang];

/** A form's fields as the JSON body they stand for (features/lexicon/schema.ts). */
function termFields(form: FormFields) {
  const inLanguages = (field: string) =>
    Object.fromEntries(languages.keys.map((lang) => [lang, textOf(form, `${field}_${lang}`)]));
  return {
    label: inLanguages('label'),
    definition: inLanguages('definition'),
    note: textOf(form, 'note') || null,
    related: listOf(form, 'related'),
  };
}

/** A refusal's problems by form field (`label.nl` is the field `label_nl`), and the sentence above the form. */
function refusalOf(ctx: PageContext, error: ApiError) {
  const errors: Record<string, string> = {};
  if (error.code === 'term_exists') errors.slug = ctx.w.lexicon.exists;
  for (const problem of error.statusCode === 400 && Array.isArray(error.details)
    ? (error.details as { field: string; message: string }[])
    : [])
    errors[problem.field.replace('.', '_')] = `${problem.field}: ${problem.message}`;
  return { errors, message: Object.keys(errors).length ? ctx.w.common.fixErrors : apiErrorText(ctx.w, error) };
}

function termForm(
  ctx: PageContext,
  options: {
    action: string;
    submit: string;
    /** Absent when editing: the slug does not change. */
    slug?: string;
    form: FormFields;
    others: LexiconTerm[];
    errors: Record<string, string>;
  },
): Html {
  const { w } = ctx;
  const { form, errors } = options;
  const value = (name: string) => textOf(form, name) || undefined;
  const related = listOf(form, 'related');
  return html`<form method="post" action="${options.action}" class="card" novalidate>
    ${
      options.slug === undefined
        ? ''
        : textField({
            id: 'slug',
            label: w.lexicon.slug,
            value: options.slug,
            hint: w.lexicon.slugHint,
            error: errors.slug,
            required: true,
          })
    }
    ${languages.keys.map(
      (lang: Language) =>
        html`${textField({ id: `label_${lang}`, label: w.lexicon.label(lang), value: value(`label_${lang}`), error: errors[`label_${lang}`], required: true })}
        ${textArea({ id: `definition_${lang}`, label: w.lexicon.definition(lang), value: value(`definition_${lang}`), error: errors[`definition_${lang}`], required: true })}`,
    )}
    ${textArea({ id: 'note', label: w.lexicon.note, value: value('note'), hint: w.lexicon.noteHint, error: errors.note })}
    ${
      options.others.length
        ? html`<fieldset>
            <legend>${w.lexicon.related}</legend>
            ${errors.related ? html`<p class="error">${errors.related}</p>` : ''}
            ${options.others.map(
              (term) =>
                html`<label
                  ><input type="checkbox" name="related" value="${term.id}" ${related.includes(term.id) ? html` checked` : ''} />
                  ${labelIn(ctx, term.current)}</label
                >`,
            )}
          </fieldset>`
        : ''
    }
    <p><button type="submit">${options.submit}</button></p>
  </form>`;
}

/** A version's fields as the edit form shows them. */
const formOfVersion = (version: TermVersion): FormFields => ({
  ...Object.fromEntries(languages.keys.map((lang) => [`label_${lang}`, version.label[lang]])),
  ...Object.fromEntries(languages.keys.map((lang) => [`definition_${lang}`, version.definition[lang]])),
  note: version.note ?? '',
  related: version.related,
});

function versionCard(ctx: PageContext, version: TermVersion, names: Map<string, string>): Html {
  const { w } = ctx;
  return html`<section class="card" aria-labelledby="version-${version.version}">
    <h3 id="version-${version.version}">${w.lexicon.version} ${version.version}</h3>
    <p class="muted">${w.lexicon.recorded}: ${dateTimeText(version.recordedAt, ctx)} · ${w.lexicon.recordedBy}: ${version.recordedBy}</p>
    <dl>
      ${languages.keys.map(
        (lang) => html`<dt lang="${lang}">${version.label[lang]} (${lang})</dt>
          <dd lang="${lang}">${version.definition[lang]}</dd>`,
      )}
      ${version.note ? html`<dt>${w.lexicon.note}</dt><dd>${version.note}</dd>` : ''}
      ${
        version.related.length
          ? html`<dt>${w.lexicon.related}</dt>
              <dd>${version.related.map((id, i) => html`${i ? ', ' : ''}<a href="/staff/lexicon/${id}">${names.get(id) ?? id}</a>`)}</dd>`
          : ''
      }
    </dl>
  </section>`;
}

/** The lexicon's staff pages: the list, a term with its versions, and the forms to add and change terms. */
export function lexiconPages(app: FastifyInstance, deps: AppDeps): void {
  const page = (ctx: PageContext, title: string, body: Html) => staffPage(ctx, { title, active: 'lexicon', body });

  app.get('/staff/lexicon', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { w } = ctx;
    const { ignored } = readPageQuery(noFiltersQuery, request.query);
    const terms = await lexiconTerms(deps.db, ctx.lang);
    const rows = terms.map(
      (term) => html`<tr>
        <td><a href="/staff/lexicon/${term.id}">${labelIn(ctx, term.current)}</a></td>
        <td><a href="${lexiconLink(term.slug, ctx.lang)}">#${term.slug}</a></td>
        <td class="num">${term.current.version}</td>
        <td>${dateTimeText(term.current.recordedAt, ctx)}</td>
      </tr>`,
    );
    const body = html`<h1>${w.lexicon.title}</h1>
      ${ignoredNotice(ctx, ignored)}
      <p>${w.lexicon.intro}</p>
      <p><a class="button" href="/staff/lexicon/new">${w.lexicon.add}</a> <a href="${lexiconPath}">${w.lexicon.public}</a></p>
      ${
        rows.length
          ? table([w.lexicon.term, w.lexicon.slug, { text: w.lexicon.version, num: true }, w.lexicon.recorded], rows)
          : emptyState(w.lexicon.empty)
      }`;
    return send(reply, 200, page(ctx, w.lexicon.title, body));
  });

  const newPage = (ctx: PageContext, others: LexiconTerm[], form: FormFields, errors = {}, error?: string) =>
    page(
      ctx,
      ctx.w.lexicon.newTitle,
      html`<h1>${ctx.w.lexicon.newTitle}</h1>
        ${notice(error, 'error')}
        ${termForm(ctx, { action: '/staff/lexicon/new', submit: ctx.w.lexicon.create, slug: textOf(form, 'slug'), form, others, errors })}`,
    );

  app.get('/staff/lexicon/new', async (request, reply) => {
    const ctx = pageContext(request, reply);
    return send(reply, 200, newPage(ctx, await lexiconTerms(deps.db, ctx.lang), {}));
  });

  app.post('/staff/lexicon/new', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = formOf(request);
    try {
      const input = parseNewTerm({ slug: textOf(form, 'slug'), ...termFields(form) });
      const created = await addTerm(deps.db, input, staffUserOf(request).email);
      return reply.redirect(`/staff/lexicon/${created.id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { errors, message } = refusalOf(ctx, error);
      return send(reply, error.statusCode, newPage(ctx, await lexiconTerms(deps.db, ctx.lang), form, errors, message));
    }
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/staff/lexicon/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { w } = ctx;
    const term = await termHistory(deps.db, request.params.id);
    if (!term) throw new ApiError(404, 'term_not_found', 'There is no such term.');
    const names = new Map((await lexiconTerms(deps.db, ctx.lang)).map((t) => [t.id, labelIn(ctx, t.current)]));
    const done = request.query.done;
    const current = term.versions[0]!;
    const body = html`<h1>${labelIn(ctx, current)}</h1>
      ${notice(done === 'created' ? w.lexicon.created : done === 'saved' ? w.lexicon.saved : undefined)}
      ${notice(done === 'unchanged' ? w.lexicon.unchanged : undefined, 'notice')}
      <p>
        <a class="button" href="/staff/lexicon/${term.id}/edit">${w.lexicon.edit}</a>
        <a href="${lexiconLink(term.slug, ctx.lang)}">${lexiconLink(term.slug, ctx.lang)}</a>
      </p>
      <h2>${w.lexicon.history}</h2>
      ${term.versions.map((version) => versionCard(ctx, version, names))}`;
    return send(reply, 200, page(ctx, labelIn(ctx, current), body));
  });

  const editPage = async (ctx: PageContext, id: string, form?: FormFields, errors = {}, error?: string) => {
    const term = await termHistory(deps.db, id);
    if (!term) throw new ApiError(404, 'term_not_found', 'There is no such term.');
    const others = (await lexiconTerms(deps.db, ctx.lang)).filter((t) => t.id !== id);
    const title = ctx.w.lexicon.editTitle(labelIn(ctx, term.versions[0]!));
    return page(
      ctx,
      title,
      html`<h1>${title}</h1>
        ${notice(error, 'error')}
        ${termForm(ctx, { action: `/staff/lexicon/${term.id}/edit`, submit: ctx.w.lexicon.save, form: form ?? formOfVersion(term.versions[0]!), others, errors })}`,
    );
  };

  app.get<{ Params: { id: string } }>('/staff/lexicon/:id/edit', async (request, reply) =>
    send(reply, 200, await editPage(pageContext(request, reply), request.params.id)),
  );

  app.post<{ Params: { id: string } }>('/staff/lexicon/:id/edit', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = formOf(request);
    try {
      const change = parseChange(termFields(form));
      const result = await changeTerm(deps.db, request.params.id, change, staffUserOf(request).email);
      const done = result.changed ? 'saved' : 'unchanged';
      return reply.redirect(`/staff/lexicon/${encodeURIComponent(result.id)}?done=${done}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode === 404) throw error;
      const { errors, message } = refusalOf(ctx, error);
      return send(reply, error.statusCode, await editPage(ctx, request.params.id, form, errors, message));
    }
  });
}
