  // The dashboard starting: its language, its event handlers, then sign-in or the figures.
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
