"""The read side: filters, deal rows, totals, one deal in full, choices and page views.

Nothing here writes, and nothing here imports the write side."""
