"""People at the counter: log-in / lock screen, manager approval by PIN, shift dialogs."""
