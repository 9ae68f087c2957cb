"""Qt-free core of Atende: models, rules, validation, config format and the watcher pass."""
