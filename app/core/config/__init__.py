"""An instance's configuration: the section protocol and its save, registry, file, copies."""
