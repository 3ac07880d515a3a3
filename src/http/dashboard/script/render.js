  // The dashboard's figures drawn: the controls, the summary, the charts (inline SVG) and the table.
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
    for (const id of ['summary', 'weekly-chart', 'lead-chart', 'weekly-table', 'group-table', 'case-table']) {
      $(id).replaceChildren();
    }
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
    renderCaseTable($('case-table'), state.weeks);
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


  // The case's figures by week: a row per week of the period, then the totals.
  function renderCaseTable(table, data) {
    table.replaceChildren();
    const captionEl = document.createElement('caption');
    captionEl.textContent = t('caseCaption', { period: periodText(data), unit: unitText(data) });
    table.append(captionEl);
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    headRow.append(headerCell(t('week'), 'col'));
    for (const column of CASE_COLUMNS) headRow.append(headerCell(t(column.label), 'col'));
    head.append(headRow);
    table.append(head);
    const body = document.createElement('tbody');
    for (const row of data.rows || []) body.append(bodyRow(row, String(row.label ?? row.key), CASE_COLUMNS, 'week-row'));
    table.append(body);
    if (data.totals) {
      const foot = document.createElement('tfoot');
      foot.append(bodyRow({ ...data.totals, key: 'total' }, t('totalAll'), CASE_COLUMNS));
      table.append(foot);
    }
  }
