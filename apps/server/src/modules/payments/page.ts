import type { PaymentView } from '@hotland/contracts'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${(fen % 100).toString().padStart(2, '0')}`

const TEXT = {
  'zh-CN': {
    title: '沙箱收银台 · 热土', tag: '沙箱 · 不会真实扣款', paymentNo: '支付单号', status: '状态：', paid: '已支付', closed: '支付失败 / 已关闭', pending: '待支付',
    pay: '确认支付', decline: '模拟失败', switches: '测试开关（支付通知）', duplicate: '重复发送通知（同一条发两次）', delay: '延迟发送', ms: '毫秒',
    back: '返回商城', working: '处理中…', paidBack: '支付成功，正在返回…', declined: '已模拟支付失败', error: '出错了：',
  },
  'en-US': {
    title: 'Sandbox cashier · Hotland', tag: 'Sandbox · no real money moves', paymentNo: 'Payment', status: 'Status: ', paid: 'Paid', closed: 'Failed / closed', pending: 'Waiting for payment',
    pay: 'Pay now', decline: 'Simulate failure', switches: 'Test switches (payment notice)', duplicate: 'Send the notice twice (same one)', delay: 'Delay the notice', ms: 'ms',
    back: 'Back to the shop', working: 'Working…', paidBack: 'Paid. Going back…', declined: 'Payment failure simulated', error: 'Something went wrong: ',
  },
} as const
export type SandboxPageLang = keyof typeof TEXT

/**
 * ?lang= when given (the web app passes its own language), else the first of Chinese or English in the browser's
 * Accept-Language (in its order; q-values are not weighed), else Chinese.
 */
export function sandboxPageLang(query: string | undefined, acceptLanguage: string | undefined): SandboxPageLang {
  if (query === 'zh-CN' || query === 'en-US') return query
  for (const tag of (acceptLanguage ?? '').split(',')) {
    const lang = tag.split(';')[0]!.trim().toLowerCase()
    if (lang.startsWith('zh')) return 'zh-CN'
    if (lang.startsWith('en')) return 'en-US'
  }
  return 'zh-CN'
}

/**
 * The sandbox cashier: one small server-rendered page for a phone (zh-CN or English, big buttons, no external assets).
 * Its buttons POST to ./complete — relative, so it works under whatever prefix the routes are mounted.
 */
export function sandboxPageHtml(p: { payment: PaymentView; trade: { amountFen: number; subject: string; status: string; returnUrl: string } }, lang: SandboxPageLang = 'zh-CN'): string {
  const { payment, trade } = p
  const t = TEXT[lang]
  const settled = trade.status !== 'pending'
  const statusText = trade.status === 'paid' ? t.paid : trade.status === 'closed' ? t.closed : t.pending
  // Leaving without paying (or after a failure) says so on the way back, so the shop's page need not wait to find out.
  const result = trade.status === 'pending' ? 'unpaid' : trade.status === 'closed' ? 'declined' : null
  const backUrl = result ? `${trade.returnUrl}${trade.returnUrl.includes('?') ? '&' : '?'}result=${result}` : trade.returnUrl
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex">
<title>${t.title}</title>
<style>
  body { margin: 0; font: 18px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f5f5f5; color: #222; }
  main { max-width: 480px; margin: 0 auto; padding: 16px; }
  .card { background: #fff; border-radius: 12px; padding: 20px; margin-bottom: 16px; }
  .tag { display: inline-block; background: #fff3e0; color: #e65100; border-radius: 6px; padding: 2px 8px; font-size: 14px; }
  .amount { font-size: 40px; font-weight: 700; margin: 12px 0 4px; }
  .muted { color: #777; font-size: 15px; }
  button { display: block; width: 100%; min-height: 56px; border: 0; border-radius: 28px; font-size: 20px; margin: 12px 0; }
  .pay { background: #07c160; color: #fff; }
  .fail { background: #fff; color: #d32f2f; border: 2px solid #d32f2f; }
  details { font-size: 15px; }
  label { display: flex; align-items: center; gap: 8px; min-height: 44px; }
  input[type=checkbox] { width: 24px; height: 24px; }
  input[type=number] { width: 120px; font-size: 16px; padding: 6px; }
  #msg { min-height: 28px; font-weight: 600; }
</style>
</head>
<body>
<main>
  <div class="card">
    <span class="tag">${t.tag}</span>
    <div class="amount">${yuan(trade.amountFen)}</div>
    <div>${esc(trade.subject)}</div>
    <div class="muted">${t.paymentNo} ${esc(payment.id)}</div>
    <div class="muted">${t.status}<span id="status">${statusText}</span></div>
  </div>
  <div class="card">
    <button class="pay" id="pay" ${settled ? 'disabled' : ''}>${t.pay}</button>
    <button class="fail" id="decline" ${settled ? 'disabled' : ''}>${t.decline}</button>
    <div id="msg" role="status"></div>
    <details>
      <summary>${t.switches}</summary>
      <label><input type="checkbox" id="duplicate"> ${t.duplicate}</label>
      <label>${t.delay} <input type="number" id="delay" min="0" max="600000" step="500" value="0"> ${t.ms}</label>
    </details>
  </div>
  <a class="muted" id="back" href="${esc(backUrl)}">${t.back}</a>
</main>
<script>
  // A server started without PUBLIC_URL names itself localhost; a phone that reached this page by the computer's LAN
  // address must go back the way it came, not to its own localhost.
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  function reachable(u) {
    try {
      const x = new URL(u);
      return loopback.includes(x.hostname) && !loopback.includes(location.hostname) ? location.origin + x.pathname + x.search + x.hash : u;
    } catch (e) {
      return u;
    }
  }
  const returnUrl = reachable(${JSON.stringify(trade.returnUrl).replace(/</g, '\\u003c')});
  document.getElementById('back').href = reachable(document.getElementById('back').getAttribute('href'));
  const text = ${JSON.stringify({ working: t.working, paidBack: t.paidBack, declined: t.declined, error: t.error }).replace(/</g, '\\u003c')};
  async function complete(outcome) {
    const msg = document.getElementById('msg');
    for (const b of document.querySelectorAll('button')) b.disabled = true;
    msg.textContent = text.working;
    const body = { outcome, duplicate: document.getElementById('duplicate').checked };
    const delay = parseInt(document.getElementById('delay').value, 10);
    if (delay > 0) body.delayMs = delay;
    try {
      const res = await fetch('complete', { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'include', body: JSON.stringify(body) });
      if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error?.message || res.statusText);
      msg.textContent = outcome === 'pay' ? text.paidBack : text.declined;
      // Like a real cashier's return parameters: the shop's page can say at once that this payment failed.
      const back = outcome === 'pay' ? returnUrl : returnUrl + (returnUrl.includes('?') ? '&' : '?') + 'result=declined';
      document.getElementById('back').href = back; // the way back, if taken during the pause, must not say "unpaid" any more
      setTimeout(() => { location.href = back }, 1200);
    } catch (e) {
      msg.textContent = text.error + e.message;
      for (const b of document.querySelectorAll('button')) b.disabled = false;
    }
  }
  document.getElementById('pay').onclick = () => complete('pay');
  document.getElementById('decline').onclick = () => complete('decline');
</script>
</body>
</html>`
}
