// Yhteisaika dashboard: how the weekly hole in the calendar (reikä kalenterissa)
// is used. Vanilla JS, no build step, no other origin. It reads
// GET /api/v1/utilisation with the manager's token in the Authorization header;
// the token lives in sessionStorage only (never in a URL or a cookie).
'use strict';

(() => {
  const TOKEN_KEY = 'yhteisaika.managerToken';
  const LANG_KEY = 'yhteisaika.lang';
  const API = '/api/v1/utilisation';
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // Every string the page shows, in both languages. {name} is filled in by t().
  const STRINGS = {
    fi: {
      locale: 'fi-FI',
      pageTitle: 'Yhteisaika – Reikä kalenterissa',
      skip: 'Siirry sisältöön',
      title: 'Reikä kalenterissa: käyttöaste',
      langSwitch: 'In English',
      signOut: 'Kirjaudu ulos',
      noscript: 'Tämä sivu tarvitsee JavaScriptiä.',
      signInHeading: 'Kirjaudu sisään',
      signInHelp: 'Liitä esihenkilön tunnus (manager token). Tunnus pysyy vain tämän välilehden muistissa, kunnes kirjaudut ulos tai suljet välilehden.',
      tokenLabel: 'Esihenkilön tunnus',
      signIn: 'Kirjaudu',
      figuresHeading: 'Luvut',
      period: 'Ajanjakso',
      from: 'Alkaen',
      to: 'Päättyen',
      unit: 'Yksikkö',
      allUnits: 'Kaikki yksiköt',
      groupBy: 'Taulukon ryhmittely',
      byUnit: 'Yksiköittäin',
      byProfessional: 'Ammattilaisittain',
      update: 'Päivitä',
      summary: 'Yhteenveto',
      weeklyChart: 'Käyttöaste viikoittain',
      leadChart: 'Viive pyynnöstä tapaamiseen',
      weeklyTable: 'Viikoittain',
      csvWeeks: 'Lataa CSV (viikot)',
      csvUnits: 'Lataa CSV (yksiköt)',
      csvProfessionals: 'Lataa CSV (ammattilaiset)',
      footer: 'Yhteisasiakkaiden Omatiimin yhteinen aika. Tapaamisissa on vain asiakasviite, ei nimiä eikä henkilötunnuksia.',
      loading: 'Ladataan lukuja…',
      loaded: 'Luvut päivitetty: {period}, {unit}.',
      periodLabel: 'Lasketut viikot: {period}.',
      signedOut: 'Kirjauduit ulos.',
      tokenEmpty: 'Liitä tunnus ensin.',
      unauthorized: 'Tunnus ei kelpaa tai se on poistettu. Kirjaudu uudelleen.',
      forbidden: 'Tällä tunnuksella ei näe lukuja: tarvitaan esihenkilön tunnus. Kirjaudu uudelleen.',
      failed: 'Lukujen haku epäonnistui: {detail}',
      network: 'Palvelimeen ei saatu yhteyttä.',
      badPeriod: 'Alkupäivän pitää olla ennen loppupäivää.',
      csvReady: 'CSV-tiedosto ladattu: {name}.',
      week: 'Viikko',
      unitCol: 'Yksikkö',
      professional: 'Ammattilainen',
      holesAvailable: 'Reikiä tarjolla',
      holesBooked: 'Varatut reiät',
      holesReleased: 'Vapautetut reiät',
      holesOpen: 'Avoimet reiät',
      holesUnused: 'Käyttämättä jääneet reiät',
      utilisation: 'Käyttöaste',
      headline: 'Käyttöaste, päättyneet viikot',
      bookedFinished: 'Varatut reiät, päättyneet viikot',
      releasedFinished: 'Vapautetut reiät, päättyneet viikot',
      currentSoFar: 'Kuluva viikko: varattu tähän mennessä',
      futureSoFar: 'Tulevat viikot: varattu tähän mennessä',
      balance: 'Koko jaksolla {available} reikää: {booked} varattu, {released} vapautettu, {open} avoinna',
      balanceUnused: ', {unused} käyttämättä',
      balanceEnd: '. Avoin reikä ei ole vielä päättynyt eikä vapautunut: se on yhä ammattilaisten kalentereissa ja varattavissa.',
      balanceEndUnused: '. Avoin reikä ei ole vielä päättynyt: se on yhä varattavissa. Käyttämättä jäänyt reikä päättyi varaamatta (reikiä ei vapauteta).',
      sectionPast: 'Päättyneet viikot',
      sectionCurrent: 'Kuluva viikko: varattu tähän mennessä',
      sectionFuture: 'Tulevat viikot: varattu tähän mennessä',
      subtotalPast: 'Päättyneet viikot yhteensä',
      subtotalFuture: 'Tulevat viikot yhteensä',
      legendPast: 'Päättynyt viikko',
      legendCurrent: 'Kuluva viikko (varattu tähän mennessä)',
      legendFuture: 'Tuleva viikko (varattu tähän mennessä)',
      statusCurrent: 'kuluva viikko, varattu tähän mennessä',
      statusFuture: 'tuleva viikko, varattu tähän mennessä',
      inHole: 'Tapaamiset reiässä',
      outsideHole: 'Tapaamiset reiän ulkopuolella',
      cancelled: 'Perutut',
      rescheduled: 'Siirretyt',
      medianDays: 'Viive pyynnöstä, mediaani (pv)',
      p90Days: 'Viive pyynnöstä, 90 % (pv)',
      within7: 'Enintään 7 pv',
      within14: 'Enintään 14 pv',
      medianIdentification: 'Viive tunnistamisesta tapaamiseen, mediaani (pv)',
      total: 'Yhteensä',
      totalAll: 'Yhteensä, kaikki viikot',
      weeklyCaption: 'Yhteisasiakkaiden tapaamiset ja reiät viikoittain, {period}, {unit}',
      groupCaptionFinished: 'Yhteisasiakkaiden tapaamiset ja reiät {group}, päättyneet viikot {period}, {unit}',
      groupCaptionSoFar: 'Yhteisasiakkaiden tapaamiset ja reiät {group}, {period}, {unit}: varattu tähän mennessä',
      byUnitLower: 'yksiköittäin',
      byProfessionalLower: 'ammattilaisittain',
      weeklyChartDesc: 'Pylväät näyttävät, kuinka suuri osa reiistä varattiin kunakin viikkona; kuluvan ja tulevien viikkojen pylväät näyttävät tähän mennessä tehdyt varaukset. {list}',
      leadChartDesc: 'Pylväät näyttävät yhteisasiakkaiden tapaamisten määrän sen mukaan, montako päivää pyynnöstä kului tapaamiseen. {list}',
      days: 'pv',
      meetings: 'tapaamista',
      noData: 'Ei lukuja tältä ajanjaksolta.',
      booked: '{booked} / {available}',
    },
    en: {
      locale: 'en-GB',
      pageTitle: 'Yhteisaika – Hole in the calendar',
      skip: 'Skip to content',
      title: 'Hole in the calendar: utilisation',
      langSwitch: 'Suomeksi',
      signOut: 'Sign out',
      noscript: 'This page needs JavaScript.',
      signInHeading: 'Sign in',
      signInHelp: 'Paste your manager token. It is kept in this tab only, until you sign out or close the tab.',
      tokenLabel: 'Manager token',
      signIn: 'Sign in',
      figuresHeading: 'Figures',
      period: 'Period',
      from: 'From',
      to: 'To',
      unit: 'Unit',
      allUnits: 'All units',
      groupBy: 'Group the table',
      byUnit: 'By unit',
      byProfessional: 'By professional',
      update: 'Update',
      summary: 'Summary',
      weeklyChart: 'Utilisation by week',
      leadChart: 'Days from request to meeting',
      weeklyTable: 'By week',
      csvWeeks: 'Download CSV (weeks)',
      csvUnits: 'Download CSV (units)',
      csvProfessionals: 'Download CSV (professionals)',
      footer: 'Joint time of the care team (Omatiimi) of joint clients. Meetings carry a case reference only: no names, no identity codes.',
      loading: 'Loading figures…',
      loaded: 'Figures updated: {period}, {unit}.',
      periodLabel: 'Weeks counted: {period}.',
      signedOut: 'You have signed out.',
      tokenEmpty: 'Paste the token first.',
      unauthorized: 'The token is not valid or has been revoked. Please sign in again.',
      forbidden: 'This token cannot read the figures: a manager token is needed. Please sign in again.',
      failed: 'Could not load the figures: {detail}',
      network: 'Could not reach the server.',
      badPeriod: 'The start date must not be after the end date.',
      csvReady: 'CSV file downloaded: {name}.',
      week: 'Week',
      unitCol: 'Unit',
      professional: 'Professional',
      holesAvailable: 'Holes available',
      holesBooked: 'Holes booked',
      holesReleased: 'Holes released',
      holesOpen: 'Holes open',
      holesUnused: 'Holes unused',
      utilisation: 'Utilisation',
      headline: 'Utilisation, finished weeks',
      bookedFinished: 'Holes booked, finished weeks',
      releasedFinished: 'Holes released, finished weeks',
      currentSoFar: 'This week: booked so far',
      futureSoFar: 'Coming weeks: booked so far',
      balance: 'Over the whole period {available} holes: {booked} booked, {released} released, {open} open',
      balanceUnused: ', {unused} unused',
      balanceEnd: '. An open hole has not ended and has not been released: it is still in the professionals\' calendars and can be booked.',
      balanceEndUnused: '. An open hole has not ended: it can still be booked. An unused hole ended unbooked (holes are not released).',
      sectionPast: 'Finished weeks',
      sectionCurrent: 'This week: booked so far',
      sectionFuture: 'Coming weeks: booked so far',
      subtotalPast: 'Finished weeks, total',
      subtotalFuture: 'Coming weeks, total',
      legendPast: 'Finished week',
      legendCurrent: 'This week (booked so far)',
      legendFuture: 'Coming week (booked so far)',
      statusCurrent: 'this week, booked so far',
      statusFuture: 'coming week, booked so far',
      inHole: 'Meetings in the hole',
      outsideHole: 'Meetings outside the hole',
      cancelled: 'Cancelled',
      rescheduled: 'Rescheduled',
      medianDays: 'Days from request, median',
      p90Days: 'Days from request, 90th percentile',
      within7: 'Within 7 days',
      within14: 'Within 14 days',
      medianIdentification: 'Days from identification to meeting, median',
      total: 'Total',
      totalAll: 'Total, all weeks',
      weeklyCaption: 'Joint-client meetings and holes by week, {period}, {unit}',
      groupCaptionFinished: 'Joint-client meetings and holes {group}, finished weeks {period}, {unit}',
      groupCaptionSoFar: 'Joint-client meetings and holes {group}, {period}, {unit}: booked so far',
      byUnitLower: 'by unit',
      byProfessionalLower: 'by professional',
      weeklyChartDesc: 'Bars show the share of holes booked in each week; the bars of this week and the coming weeks show the bookings made so far. {list}',
      leadChartDesc: 'Bars show the number of joint-client meetings by days from request to meeting. {list}',
      days: 'd',
      meetings: 'meetings',
      noData: 'No figures for this period.',
      booked: '{booked} / {available}',
    },
  };

  // The table columns: the field of a row (or of its days_from_request) and its format.
  // Every hole is booked, released, open or unused, so the four add up to the
  // holes available; unused ones exist only with release switched off, and
  // their column is shown only then (`optional`).
  const COLUMNS = [
    { field: 'holes_available', label: 'holesAvailable', format: 'count' },
    { field: 'holes_booked', label: 'holesBooked', format: 'count' },
    { field: 'holes_released', label: 'holesReleased', format: 'count' },
    { field: 'holes_open', label: 'holesOpen', format: 'count' },
    { field: 'holes_unused', label: 'holesUnused', format: 'count', optional: true },
    { field: 'utilisation_percent', label: 'utilisation', format: 'percent' },
    { field: 'meetings_in_hole', label: 'inHole', format: 'count' },
    { field: 'meetings_outside_hole', label: 'outsideHole', format: 'count' },
    { field: 'cancelled', label: 'cancelled', format: 'count' },
    { field: 'rescheduled', label: 'rescheduled', format: 'count' },
    { field: 'days_from_request.median', label: 'medianDays', format: 'days' },
    { field: 'days_from_request.p90', label: 'p90Days', format: 'days' },
    { field: 'days_from_request.within_7_percent', label: 'within7', format: 'percent' },
    { field: 'days_from_request.within_14_percent', label: 'within14', format: 'percent' },
  ];

  const $ = (id) => document.getElementById(id);
  const STATUSES = ['past', 'current', 'future'];
  const state = {
    lang: 'fi',
    weeks: null, // the last group_by=week answer
    groups: null, // the last group_by=unit|professional answer
    groupsFinished: false, // whether `groups` covers the finished weeks only
    status: null, // the status line: {text: () => string, isError}, rendered again in the other language
    signInError: null, // () => string, likewise
    loadSeq: 0,
  };

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

  // --- rendering ------------------------------------------------------------------

  function fillControls(data) {
    if (data.from) $('from').value = data.from;
    if (data.to) $('to').value = data.to;
    const select = $('unit');
    const chosen = data.unit || '';
    while (select.options.length > 1) select.remove(1);
    for (const name of data.units || []) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      select.append(option);
    }
    select.value = (data.units || []).includes(chosen) ? chosen : '';
  }

  function clearFigures() {
    for (const id of ['summary', 'weekly-chart', 'lead-chart', 'weekly-table', 'group-table']) $(id).replaceChildren();
    for (const id of ['period-label', 'hole-balance']) $(id).textContent = '';
    $('weekly-legend').hidden = true;
  }

  function render() {
    $('period-label').textContent = t('periodLabel', { period: periodText(state.weeks) });
    renderSummary(state.weeks);
    renderBalance(state.weeks);
    renderWeeklyChart(state.weeks);
    renderLeadChart(state.weeks);
    renderTable($('weekly-table'), state.weeks, 'week');
    if (state.groups) renderTable($('group-table'), state.groups, state.groups.group_by || $('group-by').value);
    renderGroupLabels();
  }

  function renderGroupLabels() {
    const groupBy = (state.groups && state.groups.group_by) || $('group-by').value;
    $('group-table-heading').textContent = t(groupBy === 'professional' ? 'byProfessional' : 'byUnit');
    $('csv-groups').textContent = t(groupBy === 'professional' ? 'csvProfessionals' : 'csvUnits');
  }

  // The statuses the period's weeks have, in order.
  function statusesOf(data) {
    return STATUSES.filter((status) => (data.rows || []).some((row) => row.week_status === status));
  }

  function part(data, status) {
    return (data.by_week_status || {})[status] || {};
  }

  function bookedText(figures) {
    return t('booked', {
      booked: formatValue(figures.holes_booked, 'count'),
      available: formatValue(figures.holes_available, 'count'),
    });
  }

  // The headline counts the finished weeks only; the current and the coming
  // weeks are shown apart, as booked so far.
  function renderSummary(data) {
    const totals = data.totals || {};
    const past = part(data, 'past');
    const statuses = statusesOf(data);
    const items = [
      ['headline', formatValue(past.holes_available ? past.utilisation_percent : null, 'percent'),
        'past.utilisation_percent'],
      ['bookedFinished', bookedText(past), 'past.holes_booked'],
      ['releasedFinished', formatValue(past.holes_released, 'count'), 'past.holes_released'],
    ];
    if (statuses.includes('current')) items.push(['currentSoFar', bookedText(part(data, 'current')), 'current.holes_booked']);
    if (statuses.includes('future')) items.push(['futureSoFar', bookedText(part(data, 'future')), 'future.holes_booked']);
    items.push(
      ['inHole', formatValue(totals.meetings_in_hole, 'count'), 'meetings_in_hole'],
      ['medianDays', formatValue(valueOf(totals, 'days_from_request.median'), 'days'), 'days_from_request.median'],
      ['medianIdentification', formatValue(valueOf(totals, 'days_from_identification.median'), 'days'),
        'days_from_identification.median'],
    );
    const list = $('summary');
    list.replaceChildren();
    for (const [label, value, field] of items) {
      const item = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = t(label);
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.field = field;
      item.append(dt, dd);
      list.append(item);
    }
  }

  // Where every hole of the period went: booked + released + open (+ unused) = available.
  function renderBalance(data) {
    const totals = data.totals || {};
    const count = (field) => formatValue(totals[field], 'count');
    const values = {
      available: count('holes_available'),
      booked: count('holes_booked'),
      released: count('holes_released'),
      open: count('holes_open'),
      unused: count('holes_unused'),
    };
    const unused = totals.holes_unused > 0;
    $('hole-balance').textContent = t('balance', values) + (unused ? t('balanceUnused', values) : '') +
      t(unused ? 'balanceEndUnused' : 'balanceEnd');
  }

  function svgElement(name, attributes, text) {
    const el = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes || {})) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // A bar chart as inline SVG, read by screen readers as one image with a title
  // and a description that lists every value.
  function barChart(container, id, bars, options) {
    container.replaceChildren();
    if (bars.length === 0) {
      const p = document.createElement('p');
      p.className = 'empty';
      p.textContent = t('noData');
      container.append(p);
      return;
    }
    const left = 48;
    const right = 12;
    const top = 24;
    const bottom = 44;
    const slot = Math.max(44, Math.min(96, 640 / bars.length));
    const plotHeight = 200;
    const width = left + right + slot * bars.length;
    const height = top + plotHeight + bottom;
    const max = Math.max(options.minMax, ...bars.map((b) => b.value || 0));
    const ticks = options.ticks(max);
    const y = (v) => top + plotHeight - (plotHeight * v) / max;

    const svg = svgElement('svg', {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      focusable: 'false',
    });
    svg.append(svgElement('title', { id: `${id}-title` }, options.title));
    svg.append(svgElement('desc', { id: `${id}-desc` }, options.desc));
    for (const tick of ticks) {
      svg.append(svgElement('line', { class: 'grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }));
      svg.append(svgElement('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, options.tickLabel(tick)));
    }
    bars.forEach((bar, i) => {
      const x = left + i * slot;
      const value = bar.value || 0;
      const barWidth = slot * 0.62;
      const cx = x + slot / 2;
      const rect = svgElement('rect', {
        class: bar.className || options.barClass,
        x: cx - barWidth / 2,
        y: y(value),
        width: barWidth,
        height: Math.max(0, top + plotHeight - y(value)),
        'data-key': bar.key,
        'data-value': bar.value === null ? '' : bar.value,
      });
      if (bar.status) rect.dataset.status = bar.status;
      svg.append(rect);
      svg.append(svgElement('text', { class: 'value', x: cx, y: y(value) - 6, 'text-anchor': 'middle' }, bar.valueText));
      svg.append(svgElement('text', { x: cx, y: top + plotHeight + 18, 'text-anchor': 'middle' }, bar.label));
    });
    svg.append(svgElement('line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }));
    container.append(svg);
  }

  // Bars of finished weeks are solid; the current week's lighter and the coming
  // weeks' outlined, as they show the bookings made so far.
  function renderWeeklyChart(data) {
    const rows = data.rows || [];
    const bars = rows.map((row) => ({
      key: row.key,
      label: String(row.label || row.key).replace(/^\d{4}-/, ''),
      value: row.utilisation_percent,
      valueText: formatValue(row.utilisation_percent, 'percent'),
      status: row.week_status,
      className: `bar bar-${row.week_status || 'past'}`,
    }));
    const list = rows.map((row) => {
      const note = row.week_status === 'current' || row.week_status === 'future'
        ? ` (${t(row.week_status === 'current' ? 'statusCurrent' : 'statusFuture')})` : '';
      return `${row.label}${note}: ${formatValue(row.utilisation_percent, 'percent')}`;
    }).join('; ');
    barChart($('weekly-chart'), 'weekly-chart-svg', bars, {
      title: `${t('weeklyChart')}, ${periodText(data)}, ${unitText(data)}`,
      desc: t('weeklyChartDesc', { list: list ? `${list}.` : '' }),
      minMax: 100,
      ticks: (max) => [0, 25, 50, 75, 100].concat(max > 100 ? [Math.ceil(max / 25) * 25] : []),
      tickLabel: (v) => formatValue(v, 'percent'),
      barClass: 'bar',
    });
    const statuses = statusesOf(data);
    const legend = $('weekly-legend');
    legend.hidden = rows.length === 0;
    for (const item of legend.querySelectorAll('li')) item.hidden = !statuses.includes(item.dataset.status);
  }

  function renderLeadChart(data) {
    const bins = data.lead_time_histogram || [];
    const bars = bins.map((bin) => ({
      key: binLabel(bin),
      label: binLabel(bin),
      value: bin.count,
      valueText: formatValue(bin.count, 'count'),
    }));
    const list = bins.map((bin) => `${binLabel(bin)}: ${formatValue(bin.count, 'count')} ${t('meetings')}`).join('; ');
    const total = bins.reduce((sum, bin) => sum + (bin.count || 0), 0);
    barChart($('lead-chart'), 'lead-chart-svg', total === 0 ? [] : bars, {
      title: `${t('leadChart')}, ${periodText(data)}, ${unitText(data)}`,
      desc: t('leadChartDesc', { list: list ? `${list}.` : '' }),
      minMax: 4,
      ticks: (max) => {
        const step = Math.max(1, Math.ceil(max / 4));
        return [0, step, 2 * step, 3 * step, 4 * step].filter((v) => v <= max);
      },
      tickLabel: (v) => formatValue(v, 'count'),
      barClass: 'bar-lead',
    });
  }

  function headerCell(text, scope) {
    const th = document.createElement('th');
    th.scope = scope;
    th.textContent = text;
    return th;
  }

  function bodyRow(row, firstText, columns, className) {
    const tr = document.createElement('tr');
    tr.dataset.key = row.key;
    if (className) tr.className = className;
    if (row.week_status) tr.dataset.status = row.week_status;
    tr.append(headerCell(firstText, 'row'));
    for (const column of columns) {
      const td = document.createElement('td');
      const value = valueOf(row, column.field);
      td.className = 'num';
      td.dataset.field = column.field;
      td.dataset.value = value === null || value === undefined ? '' : String(value);
      td.textContent = formatValue(value, column.format);
      tr.append(td);
    }
    return tr;
  }

  // A heading row over a section's weeks; its text stays in view when the table scrolls sideways.
  function sectionHead(text, span) {
    const tr = document.createElement('tr');
    tr.className = 'section-head-row';
    const th = document.createElement('th');
    th.scope = 'rowgroup';
    th.colSpan = span;
    const label = document.createElement('span');
    label.className = 'sticky-label';
    label.textContent = text;
    th.append(label);
    tr.append(th);
    return tr;
  }

  function caption(data, groupBy) {
    if (groupBy === 'week') return t('weeklyCaption', { period: periodText(data), unit: unitText(data) });
    return t(state.groupsFinished ? 'groupCaptionFinished' : 'groupCaptionSoFar', {
      group: t(groupBy === 'professional' ? 'byProfessionalLower' : 'byUnitLower'),
      period: periodText(data),
      unit: unitText(data),
    });
  }

  // The weeks' table has a section per week status (finished, this week, coming
  // weeks: booked so far), each finished and coming section with its subtotal
  // from the API; the foot row is the whole period's.
  function renderTable(table, data, groupBy) {
    table.replaceChildren();
    const captionEl = document.createElement('caption');
    captionEl.textContent = caption(data, groupBy);
    table.append(captionEl);

    const totals = data.totals || {};
    const columns = COLUMNS.filter((column) => !column.optional || totals[column.field] > 0);
    const first = { week: 'week', unit: 'unitCol', professional: 'professional' }[groupBy] || 'unitCol';
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    headRow.append(headerCell(t(first), 'col'));
    for (const column of columns) headRow.append(headerCell(t(column.label), 'col'));
    head.append(headRow);
    table.append(head);

    const rows = data.rows || [];
    if (rows.length === 0) {
      const body = document.createElement('tbody');
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = columns.length + 1;
      td.className = 'empty';
      td.textContent = t('noData');
      tr.append(td);
      body.append(tr);
      table.append(body);
    } else if (groupBy === 'week') {
      const heads = { past: 'sectionPast', current: 'sectionCurrent', future: 'sectionFuture' };
      const subtotals = { past: 'subtotalPast', future: 'subtotalFuture' };
      for (const status of statusesOf(data)) {
        const body = document.createElement('tbody');
        body.dataset.status = status;
        body.append(sectionHead(t(heads[status]), columns.length + 1));
        for (const row of rows.filter((r) => r.week_status === status)) {
          body.append(bodyRow(row, String(row.label ?? row.key), columns, 'week-row'));
        }
        if (subtotals[status]) body.append(bodyRow(part(data, status), t(subtotals[status]), columns, 'subtotal'));
        table.append(body);
      }
    } else {
      const body = document.createElement('tbody');
      for (const row of rows) body.append(bodyRow(row, String(row.label ?? row.key), columns));
      table.append(body);
    }

    if (data.totals) {
      const foot = document.createElement('tfoot');
      foot.append(bodyRow({ ...data.totals, key: 'total' }, t(groupBy === 'week' ? 'totalAll' : 'total'), columns));
      table.append(foot);
    }
  }

  // --- start ----------------------------------------------------------------------

  function start() {
    try {
      const saved = localStorage.getItem(LANG_KEY);
      if (saved === 'fi' || saved === 'en') state.lang = saved;
    } catch (e) {
      // Storage may be off: Finnish.
    }
    $('lang-switch').addEventListener('click', switchLanguage);
    $('sign-out').addEventListener('click', signOut);
    $('sign-in-form').addEventListener('submit', signIn);
    $('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
    $('csv-weeks').addEventListener('click', () => downloadCsv('week'));
    $('csv-groups').addEventListener('click', () => downloadCsv((state.groups && state.groups.group_by) || $('group-by').value));
    applyLanguage();
    if (token()) {
      showDashboard();
      load();
    } else {
      showSignIn('', false);
    }
  }

  start();
})();
