"""The matrix: its model and view, the cell inspector, the evidence editor, the red-line mark."""
