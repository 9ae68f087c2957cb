"""What the desktop shows outside the pages: the status at a glance, starting with the system."""
