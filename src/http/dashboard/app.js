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
      utilisation: 'Käyttöaste',
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
      weeklyCaption: 'Yhteisasiakkaiden tapaamiset ja reiät viikoittain, {period}, {unit}',
      groupCaption: 'Yhteisasiakkaiden tapaamiset ja reiät {group}, {period}, {unit}',
      byUnitLower: 'yksiköittäin',
      byProfessionalLower: 'ammattilaisittain',
      weeklyChartDesc: 'Pylväät näyttävät, kuinka suuri osa reiistä varattiin kunakin viikkona. {list}',
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
      utilisation: 'Utilisation',
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
      weeklyCaption: 'Joint-client meetings and holes by week, {period}, {unit}',
      groupCaption: 'Joint-client meetings and holes {group}, {period}, {unit}',
      byUnitLower: 'by unit',
      byProfessionalLower: 'by professional',
      weeklyChartDesc: 'Bars show the share of holes booked in each week. {list}',
      leadChartDesc: 'Bars show the number of joint-client meetings by days from request to meeting. {list}',
      days: 'd',
      meetings: 'meetings',
      noData: 'No figures for this period.',
      booked: '{booked} / {available}',
    },
  };

  // The table columns: the field of a row (or of its days_from_request) and its format.
  const COLUMNS = [
    { field: 'holes_available', label: 'holesAvailable', format: 'count' },
    { field: 'holes_booked', label: 'holesBooked', format: 'count' },
    { field: 'holes_released', label: 'holesReleased', format: 'count' },
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
  const state = {
    lang: 'fi',
    weeks: null, // the last group_by=week answer
    groups: null, // the last group_by=unit|professional answer
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

  function periodText(data) {
    return `${formatDate(data.from)}–${formatDate(data.to)}`;
  }

  function unitText(data) {
    return data.unit ? data.unit : t('allUnits').toLowerCase();
  }

  function binLabel(bin) {
    return bin.to_days === null || bin.to_days === undefined
      ? `${bin.from_days}+ ${t('days')}`
      : `${bin.from_days}–${bin.to_days} ${t('days')}`;
  }

  function announce(message, isError) {
    const status = $('status');
    status.textContent = message;
    status.classList.toggle('is-error', Boolean(isError));
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
    const error = $('sign-in-error');
    error.textContent = message || '';
    error.hidden = !message;
    const input = $('token');
    input.value = '';
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (focus) input.focus();
  }

  function showDashboard() {
    $('sign-in').hidden = true;
    $('sign-in-error').hidden = true;
    $('dashboard').hidden = false;
    $('sign-out').hidden = false;
  }

  function signIn(event) {
    event.preventDefault();
    const input = $('token');
    const value = input.value.trim();
    input.value = '';
    if (!value) {
      announce(t('tokenEmpty'), true);
      showSignIn(t('tokenEmpty'));
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
    announce(t('signedOut'));
  }

  class AuthError extends Error {
    constructor(status) {
      super(`HTTP ${status}`);
      this.status = status;
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
      throw new Error(t('network'));
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
      throw new Error(t('failed', { detail }));
    }
    return format === 'csv' ? res.blob() : res.json();
  }

  function handleFailure(error) {
    if (error instanceof AuthError) {
      sessionStorage.removeItem(TOKEN_KEY);
      clearFigures();
      const message = error.status === 403 ? t('forbidden') : t('unauthorized');
      showSignIn(message);
      announce(message, true);
      return;
    }
    announce(error.message || t('network'), true);
  }

  function currentPeriod() {
    return { from: $('from').value, to: $('to').value, unit: $('unit').value };
  }

  async function load() {
    const seq = ++state.loadSeq;
    const period = currentPeriod();
    const groupBy = $('group-by').value;
    if (period.from && period.to && period.from > period.to) {
      announce(t('badPeriod'), true);
      $('from').focus();
      return;
    }
    announce(t('loading'));
    $('dashboard').setAttribute('aria-busy', 'true');
    try {
      const weeks = await fetchFigures(period, 'week');
      // The table covers exactly the period the server answered for.
      const groups = await fetchFigures({ from: weeks.from, to: weeks.to, unit: period.unit }, groupBy);
      if (seq !== state.loadSeq) return;
      state.weeks = weeks;
      state.groups = groups;
      fillControls(weeks);
      render();
      announce(t('loaded', { period: periodText(weeks), unit: unitText(weeks) }));
    } catch (error) {
      if (seq === state.loadSeq) handleFailure(error);
    } finally {
      $('dashboard').removeAttribute('aria-busy');
    }
  }

  async function downloadCsv(groupBy) {
    const shown = state.weeks;
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
      announce(t('csvReady', { name }));
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
  }

  function render() {
    renderSummary(state.weeks);
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

  function renderSummary(data) {
    const totals = data.totals || {};
    const items = [
      ['utilisation', formatValue(totals.utilisation_percent, 'percent'), 'utilisation_percent'],
      ['holesBooked', t('booked', {
        booked: formatValue(totals.holes_booked, 'count'),
        available: formatValue(totals.holes_available, 'count'),
      }), 'holes_booked'],
      ['holesReleased', formatValue(totals.holes_released, 'count'), 'holes_released'],
      ['inHole', formatValue(totals.meetings_in_hole, 'count'), 'meetings_in_hole'],
      ['medianDays', formatValue(valueOf(totals, 'days_from_request.median'), 'days'), 'days_from_request.median'],
      ['medianIdentification', formatValue(valueOf(totals, 'days_from_identification.median'), 'days'),
        'days_from_identification.median'],
    ];
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
      svg.append(svgElement('rect', {
        class: options.barClass,
        x: cx - barWidth / 2,
        y: y(value),
        width: barWidth,
        height: Math.max(0, top + plotHeight - y(value)),
        'data-key': bar.key,
        'data-value': bar.value === null ? '' : bar.value,
      }));
      svg.append(svgElement('text', { class: 'value', x: cx, y: y(value) - 6, 'text-anchor': 'middle' }, bar.valueText));
      svg.append(svgElement('text', { x: cx, y: top + plotHeight + 18, 'text-anchor': 'middle' }, bar.label));
    });
    svg.append(svgElement('line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }));
    container.append(svg);
  }

  function renderWeeklyChart(data) {
    const rows = data.rows || [];
    const bars = rows.map((row) => ({
      key: row.key,
      label: String(row.label || row.key).replace(/^\d{4}-/, ''),
      value: row.utilisation_percent,
      valueText: formatValue(row.utilisation_percent, 'percent'),
    }));
    const list = rows.map((row) => `${row.label}: ${formatValue(row.utilisation_percent, 'percent')}`).join('; ');
    barChart($('weekly-chart'), 'weekly-chart-svg', bars, {
      title: `${t('weeklyChart')}, ${periodText(data)}, ${unitText(data)}`,
      desc: t('weeklyChartDesc', { list: list ? `${list}.` : '' }),
      minMax: 100,
      ticks: (max) => [0, 25, 50, 75, 100].concat(max > 100 ? [Math.ceil(max / 25) * 25] : []),
      tickLabel: (v) => formatValue(v, 'percent'),
      barClass: 'bar',
    });
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

  function bodyRow(row, firstText) {
    const tr = document.createElement('tr');
    tr.dataset.key = row.key;
    tr.append(headerCell(firstText, 'row'));
    for (const column of COLUMNS) {
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

  function renderTable(table, data, groupBy) {
    table.replaceChildren();
    const caption = document.createElement('caption');
    caption.textContent = groupBy === 'week'
      ? t('weeklyCaption', { period: periodText(data), unit: unitText(data) })
      : t('groupCaption', {
        group: t(groupBy === 'professional' ? 'byProfessionalLower' : 'byUnitLower'),
        period: periodText(data),
        unit: unitText(data),
      });
    table.append(caption);

    const first = { week: 'week', unit: 'unitCol', professional: 'professional' }[groupBy] || 'unitCol';
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    headRow.append(headerCell(t(first), 'col'));
    for (const column of COLUMNS) headRow.append(headerCell(t(column.label), 'col'));
    head.append(headRow);
    table.append(head);

    const body = document.createElement('tbody');
    const rows = data.rows || [];
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = COLUMNS.length + 1;
      td.className = 'empty';
      td.textContent = t('noData');
      tr.append(td);
      body.append(tr);
    }
    for (const row of rows) body.append(bodyRow(row, String(row.label ?? row.key)));
    table.append(body);

    if (data.totals) {
      const foot = document.createElement('tfoot');
      foot.append(bodyRow({ ...data.totals, key: 'total' }, t('total')));
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
