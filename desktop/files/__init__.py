"""Files for the window: open/save, recovery, locks, Excel/CSV exchange, memo export, jobs."""
