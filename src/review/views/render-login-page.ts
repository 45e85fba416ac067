import { html } from '../html.ts';
import { renderLayout } from './render-layout.ts';

/** The sign-in form: the shared review token and the name decisions are recorded under. */
export function renderLoginPage(model: { csrfToken: string; assetVersion: string; next: string; error?: string; name?: string }): string {
  const body = html`<div class="login-box">
<h1>sift 审稿 Review</h1>
${model.error && html`<p class="form-error" role="alert">${model.error}</p>`}
<form method="post" action="/login" class="stacked">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<input type="hidden" name="next" value="${model.next}">
<label>你的名字 Your name <input type="text" name="name" value="${model.name ?? ''}" maxlength="40" autocomplete="username" placeholder="记录在决定上 shown on your decisions"></label>
<label>口令 Review token <input type="password" name="token" required autocomplete="current-password" autofocus></label>
<button type="submit" class="btn btn-accept">登录 Sign in</button>
</form>
</div>`;
  return renderLayout({
    id: 'login',
    title: '登录',
    body,
    context: { csrfToken: model.csrfToken, assetVersion: model.assetVersion, curator: null, isAuthEnabled: true, week: '' },
  });
}

/** A plain error page for people (404 week, bad request). */
export function renderErrorPage(model: { title: string; message: string; assetVersion: string }): string {
  const body = html`<h1>${model.title}</h1><p>${model.message}</p><p><a href="/">返回本周 Back to this week</a></p>`;
  return renderLayout({
    id: 'error',
    title: model.title,
    body,
    context: { csrfToken: '', assetVersion: model.assetVersion, curator: null, isAuthEnabled: false, week: '' },
  });
}
