  // The dashboard's text and numbers, its language, sign-in and the API it reads.
  // --- text and numbers -------------------------------------------------------

  function t(key, values) {
    const table = STRINGS[state.lang];
    let text = key in table ? table[key] : STRINGS.fi[key];
    if (text === undefined) return key;
    if (values) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
    return text;
  }

  function valueOf(row, field) {
    return field.split('.').reduce((o, k) => (o == null ? null : o[k]), row);
  }

  function formatValue(value, format) {
    if (value === null || value === undefined || Number.isNaN(value)) return '–';
    const locale = t('locale');
    if (format === 'percent') {
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    }
    if (format === 'days') return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  }

  function formatDate(iso) {
    if (!iso) return '';
    const [y, m, d] = iso.split('-').map(Number);
    return new Intl.DateTimeFormat(t('locale'), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(y, m - 1, d)));
  }

  // The whole ISO weeks an answer counts, not the dates asked for (those are
  // widened to weeks): "2026-W41–2026-W51 (5.10.2026–20.12.2026)".
  function periodText(data) {
    const w = data.weeks;
    if (!w) return `${formatDate(data.from)}–${formatDate(data.to)}`;
    const weeks = w.first === w.last ? w.first : `${w.first}–${w.last}`;
    return `${weeks} (${formatDate(w.first_day)}–${formatDate(w.last_day)})`;
  }

  function unitText(data) {
    return data.unit ? data.unit : t('allUnits').toLowerCase();
  }

  function binLabel(bin) {
    return bin.to_days === null || bin.to_days === undefined
      ? `${bin.from_days}+ ${t('days')}`
      : `${bin.from_days}–${bin.to_days} ${t('days')}`;
  }

  // `message` is a function giving the text in the current language, so that a
  // language switch says it again in the other one.
  function announce(message, isError) {
    state.status = message ? { text: message, isError: Boolean(isError) } : null;
    renderStatus();
  }

  function renderStatus() {
    const status = $('status');
    status.textContent = state.status ? state.status.text() : '';
    status.classList.toggle('is-error', Boolean(state.status && state.status.isError));
  }

  function showSignInError(message) {
    state.signInError = message || null;
    renderSignInError();
  }

  function renderSignInError() {
    const error = $('sign-in-error');
    error.textContent = state.signInError ? state.signInError() : '';
    error.hidden = !state.signInError;
  }

  // --- language -----------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t('pageTitle');
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    const sw = $('lang-switch');
    sw.textContent = t('langSwitch');
    sw.lang = state.lang === 'fi' ? 'en' : 'fi';
    renderGroupLabels();
    renderStatus();
    renderSignInError();
    if (state.weeks) render();
  }

  function switchLanguage() {
    state.lang = state.lang === 'fi' ? 'en' : 'fi';
    try {
      localStorage.setItem(LANG_KEY, state.lang);
    } catch (e) {
      // Storage may be off; the choice then lasts for this page only.
    }
    applyLanguage();
  }

  // --- sign-in --------------------------------------------------------------------

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  function showSignIn(message, focus = true) {
    state.weeks = null;
    state.groups = null;
    $('dashboard').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    showSignInError(message);
    const input = $('token');
    input.value = '';
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (focus) input.focus();
  }

  function showDashboard() {
    $('sign-in').hidden = true;
    showSignInError(null);
    $('dashboard').hidden = false;
    $('sign-out').hidden = false;
  }

  function signIn(event) {
    event.preventDefault();
    const input = $('token');
    const value = input.value.trim();
    input.value = '';
    if (!value) {
      announce(() => t('tokenEmpty'), true);
      showSignIn(() => t('tokenEmpty'));
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, value);
    showDashboard();
    $('dashboard-heading').focus();
    load();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    state.loadSeq++;
    clearFigures();
    showSignIn();
    announce(() => t('signedOut'));
  }

  class AuthError extends Error {
    constructor(status) {
      super(`HTTP ${status}`);
      this.status = status;
    }
  }

  // A failure whose message is said in the language shown (`text` is a function).
  class FetchError extends Error {
    constructor(text) {
      super(text());
      this.text = text;
    }
  }

  // --- the API --------------------------------------------------------------------

  // `period` is {from, to, unit}; empty values are left out (the server's default).
  async function fetchFigures(period, groupBy, format) {
    const params = new URLSearchParams();
    if (period.from) params.set('from', period.from);
    if (period.to) params.set('to', period.to);
    if (period.unit) params.set('unit', period.unit);
    params.set('group_by', groupBy);
    if (format) params.set('format', format);
    let res;
    try {
      res = await fetch(`${API}?${params}`, {
        headers: {
          Authorization: `Bearer ${token()}`,
          Accept: format === 'csv' ? 'text/csv' : 'application/json',
        },
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      throw new FetchError(() => t('network'));
    }
    if (res.status === 401 || res.status === 403) throw new AuthError(res.status);
    if (!res.ok) {
      let detail = `HTTP ${res.status}`;
      try {
        const body = await res.json();
        detail = body.detail || body.error || detail;
      } catch (e) {
        // Not JSON: keep the status.
      }
      throw new FetchError(() => t('failed', { detail }));
    }
    return format === 'csv' ? res.blob() : res.json();
  }

  function handleFailure(error) {
    if (error instanceof AuthError) {
      sessionStorage.removeItem(TOKEN_KEY);
      clearFigures();
      const message = error.status === 403 ? () => t('forbidden') : () => t('unauthorized');
      showSignIn(message);
      announce(message, true);
      return;
    }
    announce(error instanceof FetchError ? error.text : () => t('network'), true);
  }

  function currentPeriod() {
    return { from: $('from').value, to: $('to').value, unit: $('unit').value };
  }

  async function load() {
    const seq = ++state.loadSeq;
    const period = currentPeriod();
    const groupBy = $('group-by').value;
    if (period.from && period.to && period.from > period.to) {
      announce(() => t('badPeriod'), true);
      $('from').focus();
      return;
    }
    announce(() => t('loading'));
    $('dashboard').setAttribute('aria-busy', 'true');
    try {
      const weeks = await fetchFigures(period, 'week');
      // The table by unit or professional covers the finished weeks of the
      // period, as the headline does (the others' holes may still be booked);
      // when none has finished, all of them, booked so far.
      const finished = finishedWeeks(weeks);
      const groups = await fetchFigures(finished
        ? { from: finished.from, to: finished.to, unit: period.unit }
        : { from: weeks.from, to: weeks.to, unit: period.unit }, groupBy);
      if (seq !== state.loadSeq) return;
      state.weeks = weeks;
      state.groups = groups;
      state.groupsFinished = Boolean(finished);
      fillControls(weeks);
      render();
      announce(() => t('loaded', { period: periodText(weeks), unit: unitText(weeks) }));
    } catch (error) {
      if (seq === state.loadSeq) handleFailure(error);
    } finally {
      $('dashboard').removeAttribute('aria-busy');
    }
  }

  // The first and last day of the finished weeks of a group_by=week answer, or null when none has finished.
  function finishedWeeks(weeks) {
    const past = (weeks.rows || []).filter((row) => row.week_status === 'past');
    if (past.length === 0) return null;
    const [y, m, d] = past[past.length - 1].week_start.split('-').map(Number);
    const sunday = new Date(Date.UTC(y, m - 1, d + 6)).toISOString().slice(0, 10);
    return { from: past[0].week_start, to: sunday };
  }

  async function downloadCsv(groupBy) {
    // The file holds the figures shown: the weeks' table, or the table by unit or professional.
    const shown = groupBy === 'week' ? state.weeks : state.groups;
    const period = shown ? { from: shown.from, to: shown.to, unit: shown.unit || '' } : currentPeriod();
    try {
      const blob = await fetchFigures(period, groupBy, 'csv');
      const name = `yhteisaika-${groupBy}-${period.from || 'alku'}-${period.to || 'loppu'}.csv`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30000);
      announce(() => t('csvReady', { name }));
    } catch (error) {
      handleFailure(error);
    }
  }

