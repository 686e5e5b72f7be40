"""PDF documents (tanda terima, slips, reports). ReportLab is imported inside functions only."""
