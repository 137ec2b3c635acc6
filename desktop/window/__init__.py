"""The frame: main window, actions/menus/toolbar, panels, start page, narrow window, help, crash."""
