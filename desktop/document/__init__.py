"""The open document and its undo: controller, undo commands, list edits, edit rules."""
