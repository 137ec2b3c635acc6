"""Results views: ranking table, heat map of projects × criteria, 5×5 matrix of one project."""
