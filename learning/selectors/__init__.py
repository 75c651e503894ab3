"""Reads for the student's pages, one module per page."""
